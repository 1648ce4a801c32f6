using System.Text.Json;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Events;

namespace Mlops.Cli.Tests;

/// <summary>Training writes the reference profile, export carries it, and <c>mlops monitor</c> replays logged traffic against it.</summary>
public sealed class MonitorCommandTests : TempDirectoryTest
{
    /// <summary>A log at <paramref name="path"/> of <paramref name="count"/> prediction events whose values come from <paramref name="pick"/>.</summary>
    internal static async Task<string> WriteLogAsync(string path, ReferenceProfile reference, int count, Func<int, (int Label, double Confidence, int Tokens)> pick)
    {
        await using var file = File.Create(path);
        for (var i = 0; i < count; i++)
        {
            var (label, confidence, tokens) = pick(i);
            await using (var json = new Utf8JsonWriter(file))
                EcsDocument.Write(json, new PredictionEvent(DateTimeOffset.UtcNow, $"r{i}", "api", null, null, reference.Labels[label], label, confidence, tokens, 0,
                    TimeSpan.FromMilliseconds(1), null, null));
            file.WriteByte((byte)'\n');
        }
        return path;
    }

    [Fact]
    public async Task Traffic_like_the_held_out_data_passes_and_a_collapsed_confidence_alarms_after_a_reported_number_of_events()
    {
        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun]);
        Assert.True(train.ExitCode == 0, train.All);
        var export = await MlopsProcess.RunAsync(Dir, "export", "--out", "served");
        Assert.True(export.ExitCode == 0, export.All);
        var profilePath = Path.Combine(Dir, "served", ReferenceProfile.FileName);
        var reference = await ReferenceProfile.ReadAsync(profilePath, CancellationToken.None);
        Assert.Equal(reference.Count, reference.Confidence.Count);
        Assert.StartsWith("validation (", reference.Source);
        Assert.Equal(ReferenceProfile.CurrentFormatVersion, reference.FormatVersion);
        Assert.Equal(reference.Count, reference.Performance!.Events);
        Assert.Equal(reference.Count, reference.Embeddings!.Count);

        // The reference's own predictions, in its label mix: what the held-out data looked like.
        var labels = reference.LabelCounts.SelectMany((n, label) => Enumerable.Repeat(label, (int)n)).ToArray();
        var steady = await WriteLogAsync(Path.Combine(Dir, "steady.jsonl"), reference, 600, i =>
            (labels[i * 7 % labels.Length], reference.Confidence[i * 13 % reference.Confidence.Count], (int)reference.Tokens[i * 17 % reference.Tokens.Count]));
        var calm = await MlopsProcess.RunAsync(Dir, "monitor", "--logs", steady, "--model", "served");
        Assert.True(calm.ExitCode == 0, calm.All);
        Assert.Contains("600 prediction events", calm.StdOut);
        Assert.Contains("No drift alarm.", calm.StdOut);
        Assert.Contains("estimated from calibrated", calm.StdOut);
        Assert.Contains("true, on the reference", calm.StdOut);

        var collapsed = await WriteLogAsync(Path.Combine(Dir, "collapsed.jsonl"), reference, 600, i => (labels[i * 7 % labels.Length], 0.5 + i % 10 / 1000.0, (int)reference.Tokens[i % reference.Tokens.Count]));
        var alarm = await MlopsProcess.RunAsync(Dir, "monitor", "--logs", collapsed, "--model", "served", "--json", "report.json", "monitoring.drift.window=300");
        Assert.True(alarm.ExitCode == 0, alarm.All);
        Assert.Contains("First drift alarm after 200 events (confidence", alarm.StdOut);
        var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Dir, "report.json"))).RootElement;
        Assert.Equal(200, report.GetProperty("first_alarm_at").GetInt32());
        Assert.Equal([300, 600], report.GetProperty("windows").EnumerateArray().Select(w => w.GetProperty("at_event").GetInt32()));
        var confidence = report.GetProperty("last").GetProperty("signals").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "confidence");
        Assert.True(confidence.GetProperty("drifted").GetBoolean());
        // Logged events carry no sentence embeddings: a replay has no embedding signal, and the others decide.
        Assert.DoesNotContain(report.GetProperty("last").GetProperty("signals").EnumerateArray(), s => s.GetProperty("name").GetString() == DriftAnalysis.EmbeddingSignal);
        Assert.Equal("Drift", report.GetProperty("last").GetProperty("state").GetString());
        // The same window's estimate: the reference's true accuracy beside it, the band around the estimate.
        var estimate = report.GetProperty("last").GetProperty("estimate");
        Assert.Equal(reference.Performance.Accuracy, estimate.GetProperty("reference_accuracy").GetDouble(), 12);
        var accuracy = estimate.GetProperty("accuracy");
        Assert.InRange(accuracy.GetProperty("value").GetDouble(), accuracy.GetProperty("lower").GetDouble(), accuracy.GetProperty("upper").GetDouble());
        Assert.True(report.GetProperty("first_alarm").GetProperty("estimate").ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public async Task Logs_that_do_not_exist_are_one_line()
    {
        var result = await MlopsProcess.RunAsync(Dir, "monitor", "--logs", "nowhere.jsonl", "--model", "nowhere");
        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("   at ", result.All);
        Assert.Contains("nowhere", result.StdErr);
    }
}
