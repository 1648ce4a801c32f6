using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Core;
using Mlops.Tracking.Sqlite;

namespace Mlops.Tracking.Tests;

/// <summary>The embedded store on a real SQLite file: runs, params, series and their summaries, stale runs, bad files.</summary>
public sealed class SqliteTrackingStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlops-tracking-").FullName;
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private string DbPath => Path.Combine(_dir, "nested", "mlops.db");

    private static RunStart Run(string name, string? sweep = null) => new()
    {
        Name = name,
        Sweep = sweep,
        Params = new Dictionary<string, string> { ["training.lr"] = "3e-05", ["model.shape"] = "tiny" },
        Tags = new Dictionary<string, string> { ["team"] = "nlp" },
        GitCommit = "abc123",
        GitDirty = true,
        ConfigHash = "sha256:00",
    };

    [Fact]
    public async Task A_run_keeps_its_params_series_and_per_metric_summary()
    {
        await using var store = SqliteTrackingStore.Open(DbPath);
        var id = await store.CreateRunAsync(Run("first"), T0);
        await store.AppendAsync(id, [new("val_mcc", 10, 0.2, T0), new("val_mcc", 20, 0.5, T0), new("train_loss", 1, 0.9, T0)], T0);
        await store.AppendAsync(id, [new("val_mcc", 30, 0.4, T0)], T0.AddSeconds(1));
        await store.EndRunAsync(id, RunStatus.Finished, new RunEnd("sha256:model", "sha256:data"), T0.AddMinutes(1));

        var run = (await store.FindRunAsync(id))!;
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal("sha256:model", run.ModelId);
        Assert.Equal("sha256:data", run.DataFingerprint);
        Assert.True(run.GitDirty);
        Assert.Equal(new MetricSummary(Last: 0.4, LastStep: 30, Min: 0.2, Max: 0.5, Count: 3), run.Metrics["val_mcc"]);
        Assert.Equal([0.2, 0.5, 0.4], (await store.SeriesAsync(id, "val_mcc")).Select(p => p.Value));
        Assert.Equal("3e-05", (await store.ParamsAsync(id))["training.lr"]);
        Assert.Equal(id, (await store.FindRunAsync(id[..4]))!.Id);
        Assert.Null(await store.FindRunAsync("nope"));
    }

    [Fact]
    public async Task Runs_sort_by_a_metric_without_it_last_and_filter_by_status_and_sweep()
    {
        await using var store = SqliteTrackingStore.Open(DbPath);
        var ids = new List<string>();
        foreach (var (name, mcc) in new[] { ("low", 0.1), ("high", 0.6), ("mid", 0.3) })
        {
            var id = await store.CreateRunAsync(Run(name, sweep: "sweep-1"), T0.AddSeconds(ids.Count));
            await store.AppendAsync(id, [new("val_mcc", 1, mcc, T0)], T0);
            ids.Add(id);
        }
        var unscored = await store.CreateRunAsync(Run("unscored"), T0.AddSeconds(10));
        Assert.Equal(["high", "mid", "low", "unscored"], (await store.ListRunsAsync(new RunQuery { SortMetric = "val_mcc" })).Select(r => r.Name));
        Assert.Equal(["low", "mid", "high", "unscored"], (await store.ListRunsAsync(new RunQuery { SortMetric = "val_mcc", Descending = false })).Select(r => r.Name));
        Assert.Equal(["unscored", "mid", "high", "low"], (await store.ListRunsAsync(new RunQuery())).Select(r => r.Name));
        Assert.Equal(3, (await store.ListRunsAsync(new RunQuery { Sweep = "sweep-1" })).Count);
        Assert.Equal(["mid"], (await store.ListRunsAsync(new RunQuery { SortMetric = "val_mcc", Limit = 1, Offset = 1 })).Select(r => r.Name));
        await store.EndRunAsync(unscored, RunStatus.Killed, new RunEnd(), T0.AddSeconds(20));
        Assert.Equal(["unscored"], (await store.ListRunsAsync(new RunQuery { Status = RunStatus.Killed })).Select(r => r.Name));
    }

    [Fact]
    public async Task A_run_whose_heartbeat_stopped_is_marked_failed_after_the_timeout()
    {
        await using var store = SqliteTrackingStore.Open(DbPath);
        var dead = await store.CreateRunAsync(Run("dead"), T0);
        var alive = await store.CreateRunAsync(Run("alive"), T0);
        await store.AppendAsync(alive, [], T0.AddSeconds(50));
        Assert.Equal(1, await store.FailStaleRunsAsync(TimeSpan.FromSeconds(30), T0.AddSeconds(60)));
        Assert.Equal(RunStatus.Failed, (await store.FindRunAsync(dead))!.Status);
        Assert.Equal(RunStatus.Running, (await store.FindRunAsync(alive))!.Status);
    }

    [Fact]
    public async Task Two_processes_worth_of_writers_on_one_file_lose_nothing()
    {
        await using var first = SqliteTrackingStore.Open(DbPath);
        await using var second = SqliteTrackingStore.Open(DbPath);
        var ids = new[] { await first.CreateRunAsync(Run("a"), T0), await second.CreateRunAsync(Run("b"), T0) };
        await Task.WhenAll(new[] { first, second }.Select((store, i) => Task.Run(async () =>
        {
            for (var batch = 0; batch < 50; batch++)
                await store.AppendAsync(ids[i], [.. Enumerable.Range(0, 100).Select(s => new MetricPoint("loss", batch * 100 + s, s, T0))], T0);
        })));
        foreach (var id in ids) Assert.Equal(5000, (await first.FindRunAsync(id))!.Metrics["loss"].Count);
        Assert.Equal(5000, (await second.SeriesAsync(ids[0], "loss")).Count);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_one_clear_error()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DbPath)!);
        File.WriteAllText(DbPath, "this is not SQLite, just text long enough to look like a header of a database file....");
        var error = Assert.Throws<MlopsException>(() => SqliteTrackingStore.Open(DbPath));
        Assert.StartsWith($"Tracking store '{DbPath}' cannot be opened:", error.Message);
        Assert.Equal(ExitCodes.DataError, error.ExitCode);
    }

    [Fact]
    public async Task A_newer_schema_or_someone_elses_database_is_refused()
    {
        await SqliteTrackingStore.Open(DbPath).DisposeAsync();
        Exec("UPDATE schema_version SET version = 99");
        Assert.Contains("has schema version 99; this mlops reads version 1", Assert.Throws<MlopsException>(() => SqliteTrackingStore.Open(DbPath)).Message);
        File.Delete(DbPath);
        Exec("CREATE TABLE other (x)");
        Assert.Contains("not an mlops tracking store", Assert.Throws<MlopsException>(() => SqliteTrackingStore.Open(DbPath)).Message);
    }

    [Fact]
    public async Task The_tracker_writes_what_training_logs_and_records_the_end()
    {
        await using var store = SqliteTrackingStore.Open(DbPath);
        var tracker = await RunTracker.StartAsync(store, Run("tracked"), new TrackerOptions { Heartbeat = TimeSpan.FromMilliseconds(20) }, NullLogger.Instance);
        for (var step = 0; step < 2000; step++) tracker.Log("train_loss", step, 1.0 / (step + 1));
        await Task.Delay(100);
        await tracker.FinishAsync(RunStatus.Finished, new RunEnd("sha256:m"));
        var run = (await store.FindRunAsync(tracker.RunId))!;
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(2000, run.Metrics["train_loss"].Count);
        Assert.Equal(0, tracker.Dropped);
        Assert.True(run.Metrics["system/rss_mb"].Last > 1, "system metrics are sampled");
        Assert.Equal(Enumerable.Range(0, 2000).Select(s => (long)s), (await store.SeriesAsync(tracker.RunId, "train_loss")).Select(p => p.Step));
    }

    private void Exec(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
