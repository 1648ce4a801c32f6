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
        var stdout = new StringWriter();
        using (var log = new PredictionLog(new MonitoringOptions(), stdout))
            log.Write(Event(1, "the dog sleeps."));
        var line = Assert.Single(stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("{\"@timestamp\":\"2026-11-29T08:00:01.0000000Z\",\"ecs\":{\"version\":\"8.11.0\"}", line);
        Assert.Contains("\"event\":{\"kind\":\"event\",\"dataset\":\"mlops.predictions\",\"duration\":1234000}", line);
        Assert.Contains("\"http\":{\"request\":{\"id\":\"req-1\"}}", line);
        Assert.Equal(Event(1, "the dog sleeps."), EcsDocument.Read(Encoding.UTF8.GetBytes(line)));
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
    public void A_sink_that_falls_behind_drops_and_counts_events_and_never_blocks_the_writer()
    {
        using var stalled = new StalledWriter();
        var options = new MonitoringOptions { BufferEvents = 5 };
        var log = new PredictionLog(options, stalled);
        for (var i = 0; i < 50; i++) log.Write(Event(i)); // returns although the sink is stuck in its first write
        Assert.InRange(log.Dropped, 44, 45);
        stalled.Release();
        log.Dispose();
        var written = stalled.Lines;
        Assert.Equal(50, written + log.Dropped);
    }

    /// <summary>A stdout whose first write hangs until released, like a pipe nobody reads.</summary>
    private sealed class StalledWriter : StringWriter
    {
        private readonly ManualResetEventSlim _released = new();

        public int Lines { get; private set; }

        public void Release() => _released.Set();

        public override void Write(string? value)
        {
            _released.Wait();
            Lines++;
        }

        protected override void Dispose(bool disposing)
        {
            _released.Dispose();
            base.Dispose(disposing);
        }
    }
}
