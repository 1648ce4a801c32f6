using System.Text.Json;
using Mlops.Core;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Events;
using Mlops.Tracking.Sqlite;

namespace Mlops.Cli.Tests;

/// <summary>
/// Which model <c>mlops monitor</c> compares the logs with when they say which model wrote them (<c>ml.model.id</c>):
/// that model, found in the registry or as <c>serving.model_dir</c>, never another one silently.
/// </summary>
[Collection(InProcessMlops.Collection)]
public sealed class MonitorModelTests : TempDirectoryTest
{
    private static readonly string[] Labels = ["unacceptable", "acceptable"];
    private static readonly string ServedId = "sha256:" + new string('a', 64);
    private static readonly string LatestId = "sha256:" + new string('b', 64);

    private string Served => Path.Combine(Dir, "served");
    private string Latest => Path.Combine(Dir, "latest");
    private string Store => Path.Combine(Dir, "mlops.db");

    /// <summary>A model folder with its card and a reference profile whose source names it.</summary>
    private static async Task WriteModelAsync(string folder, string modelId)
    {
        Directory.CreateDirectory(folder);
        await new ModelCard { Labels = Labels, MaxLength = 24, ModelId = modelId }.WriteAsync(Path.Combine(folder, ModelDirectory.CardFile));
        await ReferenceProfile.From(Labels, [.. Enumerable.Range(0, 40).Select(i => new PredictionObservation(i % 2, 0.9, 8, 0))], $"reference of {Path.GetFileName(folder)}")
            .WriteAsync(new ModelDirectory(folder).ProfilePath, CancellationToken.None);
    }

    /// <summary>A log holding, for each model id given, that many of its events.</summary>
    private async Task<string> WriteLogAsync(params (string ModelId, int Count)[] models)
    {
        var path = Path.Combine(Dir, "predictions.jsonl");
        await using var file = File.Create(path);
        var i = 0;
        foreach (var (modelId, count) in models)
            for (var n = 0; n < count; n++, i++)
            {
                await using (var json = new Utf8JsonWriter(file))
                    EcsDocument.Write(json, new PredictionEvent(DateTimeOffset.UtcNow, $"r{i}", "api", modelId, ModelCard.ShortVersion(modelId), Labels[i % 2], i % 2,
                        0.9, 8, 0, TimeSpan.FromMilliseconds(1), null, null));
                file.WriteByte((byte)'\n');
            }
        return path;
    }

    /// <summary>Two models: <c>latest</c> (what serving.model_dir points at) and <c>served</c>, registered as cola v1.</summary>
    private async Task ModelsAsync()
    {
        await WriteModelAsync(Latest, LatestId);
        await WriteModelAsync(Served, ServedId);
        await using var store = SqliteTrackingStore.Open(Store);
        await store.RegisterAsync("cola", Served, null, ServedId, null, DateTimeOffset.UtcNow);
    }

    private Task<MlopsProcess.Result> MonitorAsync(string log, params string[] args) =>
        InProcessMlops.RunAsync(["monitor", "--logs", log, .. args, $"serving.model_dir={Latest}", $"tracking.uri=sqlite:{Store}",
            "--config-dir", InProcessMlops.ConfigDir]);

    private static void AssertOneErrorLine(MlopsProcess.Result result, int exitCode, params string[] expected)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode}: {result.All}");
        UserErrorTests.AssertNoStackTrace(result);
        var line = Assert.Single(result.StdErr.Split('\n'), l => l.StartsWith("error:"));
        Assert.All(expected, e => Assert.Contains(e, line));
    }

    [Fact]
    public async Task Events_of_a_registered_model_are_compared_with_its_profile_not_serving_model_dirs()
    {
        await ModelsAsync();
        var result = await MonitorAsync(await WriteLogAsync((ServedId, 30)));
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("30 prediction events against the reference of reference of served", result.StdOut);
    }

    [Fact]
    public async Task Events_of_a_model_neither_registered_nor_in_serving_model_dir_are_refused_naming_it()
    {
        await WriteModelAsync(Latest, LatestId);
        var result = await MonitorAsync(await WriteLogAsync((ServedId, 30)));
        AssertOneErrorLine(result, 4, ServedId, LatestId);
    }

    [Fact]
    public async Task Logs_that_mix_models_are_refused_unless_model_picks_one_whose_events_alone_are_replayed()
    {
        await ModelsAsync();
        var log = await WriteLogAsync((ServedId, 30), (LatestId, 20));
        AssertOneErrorLine(await MonitorAsync(log), 2, $"{ServedId} (30 events)", $"{LatestId} (20 events)");

        var chosen = await MonitorAsync(log, "--model", Latest);
        Assert.True(chosen.ExitCode == 0, chosen.All);
        Assert.Contains("Left out 30 events of other models", chosen.StdOut);
        Assert.Contains("20 prediction events against the reference of reference of latest", chosen.StdOut);
    }

    [Fact]
    public async Task A_model_other_than_the_one_the_events_name_is_refused_naming_both_ids()
    {
        await ModelsAsync();
        var result = await MonitorAsync(await WriteLogAsync((ServedId, 30)), "--model", Latest);
        AssertOneErrorLine(result, 4, $"is model {LatestId}", $"the events are of {ServedId}");
    }
}
