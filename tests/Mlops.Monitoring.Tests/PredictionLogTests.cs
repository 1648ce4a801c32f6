using System.Text;
using Mlops.Monitoring.Events;
using Mlops.Monitoring.Logging;
using Mlops.Tests;

namespace Mlops.Monitoring.Tests;

public sealed class PredictionLogTests : TempDirectoryTest
{
    private static PredictionEvent Event(int i, string? text = null) => new(
        new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero).AddSeconds(i), $"req-{i}", "api", "sha256:abc", "abc", i % 2 == 0 ? "acceptable" : "unacceptable",
        i % 2 == 0 ? 1 : 0, 0.75, 9, 1, TimeSpan.FromMicroseconds(1234), "hmac-sha256:00", text);

    [Fact]
    public void An_event_is_one_ecs_line_that_reads_back_as_itself()
    {
        var stdout = new MemoryStream();
        using (var log = new PredictionLog(new MonitoringOptions(), stdout))
            log.Write(Event(1, "the dog sleeps."));
        var line = Assert.Single(Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("{\"@timestamp\":\"2026-11-29T08:00:01Z\",\"ecs\":{\"version\":\"8.11.0\"}", line);
        Assert.Contains("\"event\":{\"kind\":\"event\",\"dataset\":\"mlops.predictions\",\"duration\":1234000}", line);
        Assert.Contains("\"http\":{\"request\":{\"id\":\"req-1\"}}", line);
        Assert.Equal(Event(1, "the dog sleeps."), EcsDocument.Read(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void The_drift_decision_stamped_on_an_event_is_written_as_ml_drift_and_reads_back()
    {
        var stdout = new MemoryStream();
        var stamped = Event(2) with { DriftState = Drift.DriftState.NoDrift, DriftScore = 0.25 };
        using (var log = new PredictionLog(new MonitoringOptions(), stdout))
            log.Write(stamped);
        var line = Encoding.UTF8.GetString(stdout.ToArray()).Trim();
        Assert.Contains("\"drift\":{\"state\":\"no_drift\",\"score\":0.25}", line);
        Assert.Equal(stamped, EcsDocument.Read(Encoding.UTF8.GetBytes(line)));
    }

    [Fact]
    public void Lines_that_are_not_prediction_events_read_as_none()
    {
        Assert.Null(EcsDocument.Read("{\"EventId\":0,\"LogLevel\":\"Information\"}"u8));
        Assert.Null(EcsDocument.Read("not json"u8));
        Assert.Null(EcsDocument.Read("{\"event\":{\"dataset\":\"mlops.predictions\"}}"u8));
    }

    [Fact]
    public void Files_roll_and_hold_every_event_once_the_log_is_closed()
    {
        var options = new MonitoringOptions { Stdout = false, LogDir = Path.Combine(Dir, "logs") };
        using (var log = new PredictionLog(options))
            for (var i = 0; i < 100; i++) log.Write(Event(i));
        var file = Assert.Single(Directory.GetFiles(options.LogDir));
        Assert.Matches(@"predictions-\d{8}\.jsonl$", file);
        var events = File.ReadAllLines(file).Select(l => EcsDocument.Read(Encoding.UTF8.GetBytes(l))).ToList();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"req-{i}"), events.Select(e => e!.RequestId));
    }

    [Fact]
    public void Files_roll_by_day_and_size_keep_the_newest_and_a_restart_appends()
    {
        var options = new MonitoringOptions { Stdout = false, LogDir = Path.Combine(Dir, "logs"), FileSizeMb = 1, RetainedFiles = 3 };
        var day1 = Event(0) with { Timestamp = new DateTimeOffset(2026, 11, 28, 23, 59, 0, TimeSpan.Zero) };
        var padding = new string('x', 100_000); // text logged on purpose: ten events a megabyte
        using (var log = new PredictionLog(options))
        {
            log.Write(day1);
            for (var i = 0; i < 25; i++) log.Write(Event(i, padding));
        }
        string Name(string path) => Path.GetFileName(path);
        // Day 28: one file; day 29: 25 events of ~100 kB = ~2.5 MB in 1 MB files, of which the three newest files are kept.
        Assert.Equal(["predictions-20261129.jsonl", "predictions-20261129_001.jsonl", "predictions-20261129_002.jsonl"],
            Directory.GetFiles(options.LogDir).Select(Name).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(options.LogDir), f => Assert.True(new FileInfo(f).Length <= 1024 * 1024, $"{Name(f)} is over the limit"));
        var lines = Directory.GetFiles(options.LogDir).Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines).ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"req-{i}"), lines.Select(l => EcsDocument.Read(Encoding.UTF8.GetBytes(l))!.RequestId));

        using (var log = new PredictionLog(options))
            log.Write(Event(99));
        Assert.Equal("req-99", EcsDocument.Read(Encoding.UTF8.GetBytes(File.ReadAllLines(Path.Combine(options.LogDir, "predictions-20261129_002.jsonl"))[^1]))!.RequestId);
    }
}
