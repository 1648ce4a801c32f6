using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Core;
using Mlops.Tracking.Sql;

namespace Mlops.Tracking.Tests;

/// <summary>
/// What every tracking store must do, run against each backend on a real database (SQLite files here, a PostgreSQL
/// server when one is configured): runs, params, series and summaries, sorting and paging, stale runs, concurrent
/// writers, schema checks, and the tracker on top; the prediction events' port in <c>TrackingStoreContract.Predictions.cs</c>.
/// </summary>
public abstract partial class TrackingStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Skips every test (fails it under CI) when this backend cannot run here, saying how to enable it.</summary>
    protected virtual void RequireBackend()
    {
    }

    /// <summary>A new connection to the store under test (one per simulated process); <paramref name="migrate"/> upgrades an older schema.</summary>
    protected abstract SqlTrackingStore Open(bool migrate);

    private SqlTrackingStore Open() => Open(migrate: false);

    /// <summary>Runs raw SQL against the store's database, behind the store's back.</summary>
    protected abstract Task ExecuteAsync(string sql);

    /// <summary>Makes the store's database empty again.</summary>
    protected abstract Task ResetAsync();

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    protected static RunStart Run(string name, string? sweep = null) => new()
    {
        Name = name,
        Sweep = sweep,
        Params = new Dictionary<string, string> { ["training.lr"] = "3e-05", ["model.shape"] = "tiny" },
        Tags = new Dictionary<string, string> { ["team"] = "nlp" },
        GitCommit = "abc123",
        GitDirty = true,
        ConfigHash = "sha256:00",
    };

    [SkippableFact]
    public async Task A_run_keeps_its_params_series_and_per_metric_summary()
    {
        RequireBackend();
        await using var store = Open();
        var id = await store.CreateRunAsync(Run("first"), T0);
        await store.AppendAsync(id, [new("val_mcc", 10, 0.2, T0), new("val_mcc", 20, 0.5, T0), new("train_loss", 1, 0.9, T0)], T0);
        await store.AppendAsync(id, [new("val_mcc", 30, 0.4, T0)], T0.AddSeconds(1));
        await store.EndRunAsync(id, RunStatus.Finished, new RunEnd("sha256:model", "sha256:data"), T0.AddMinutes(1));

        var run = (await store.FindRunAsync(id))!;
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal("sha256:model", run.ModelId);
        Assert.Equal("sha256:data", run.DataFingerprint);
        Assert.True(run.GitDirty);
        Assert.Equal(T0.AddMinutes(1), run.EndedAt);
        Assert.Equal(new MetricSummary(Last: 0.4, LastStep: 30, Min: 0.2, Max: 0.5, Count: 3), run.Metrics["val_mcc"]);
        Assert.Equal([0.2, 0.5, 0.4], (await store.SeriesAsync(id, "val_mcc")).Select(p => p.Value));
        Assert.Equal("3e-05", (await store.ParamsAsync(id))["training.lr"]);
        Assert.Equal(id, (await store.FindRunAsync(id[..4]))!.Id);
        Assert.Null(await store.FindRunAsync("nope"));
        Assert.Null(await store.FindRunAsync("%"));
    }

    [SkippableFact]
    public async Task A_run_created_again_under_its_id_is_continued_with_its_series_and_the_new_params()
    {
        RequireBackend();
        await using var store = Open();
        var id = await store.CreateRunAsync(Run("interrupted"), T0);
        await store.AppendAsync(id, [new("train_loss", 1, 0.9, T0)], T0);
        await store.EndRunAsync(id, RunStatus.Killed, new RunEnd(), T0.AddMinutes(1));

        var resumed = Run("interrupted") with { Id = id, Params = new Dictionary<string, string> { ["training.max_epochs"] = "4" }, ConfigHash = "sha256:01" };
        Assert.Equal(id, await store.CreateRunAsync(resumed, T0.AddMinutes(5)));
        var run = Assert.Single(await store.ListRunsAsync(new RunQuery()));
        Assert.Equal((id, RunStatus.Running, T0, (DateTimeOffset?)null, "sha256:01"), (run.Id, run.Status, run.StartedAt, run.EndedAt, run.ConfigHash));
        Assert.Equal(["training.max_epochs"], (await store.ParamsAsync(id)).Keys);
        await store.AppendAsync(id, [new("train_loss", 2, 0.8, T0.AddMinutes(6))], T0.AddMinutes(6));
        await store.EndRunAsync(id, RunStatus.Finished, new RunEnd("sha256:model"), T0.AddMinutes(7));
        Assert.Equal([1L, 2L], (await store.SeriesAsync(id, "train_loss")).Select(p => p.Step));
        Assert.Equal(RunStatus.Finished, (await store.FindRunAsync(id))!.Status);
    }

    [SkippableFact]
    public async Task Runs_sort_by_a_metric_without_it_last_and_filter_by_status_and_sweep()
    {
        RequireBackend();
        await using var store = Open();
        var count = 0;
        foreach (var (name, mcc) in new[] { ("low", 0.1), ("high", 0.6), ("mid", 0.3) })
        {
            var id = await store.CreateRunAsync(Run(name, sweep: "sweep-1"), T0.AddSeconds(count++));
            await store.AppendAsync(id, [new("val_mcc", 1, mcc, T0)], T0);
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

    [SkippableFact]
    public async Task A_run_whose_heartbeat_stopped_is_marked_failed_after_the_timeout()
    {
        RequireBackend();
        await using var store = Open();
        var dead = await store.CreateRunAsync(Run("dead"), T0);
        var alive = await store.CreateRunAsync(Run("alive"), T0);
        await store.AppendAsync(alive, [], T0.AddSeconds(50));
        Assert.Equal(1, await store.FailStaleRunsAsync(TimeSpan.FromSeconds(30), T0.AddSeconds(60)));
        Assert.Equal(RunStatus.Failed, (await store.FindRunAsync(dead))!.Status);
        Assert.Equal(RunStatus.Running, (await store.FindRunAsync(alive))!.Status);
    }

    [SkippableFact]
    public async Task Writers_on_separate_connections_lose_nothing()
    {
        RequireBackend();
        var stores = Enumerable.Range(0, 4).Select(_ => Open()).ToList();
        try
        {
            var ids = new List<string>();
            foreach (var store in stores) ids.Add(await store.CreateRunAsync(Run($"writer-{ids.Count}"), T0));
            await Task.WhenAll(stores.Select((store, i) => Task.Run(async () =>
            {
                for (var batch = 0; batch < 20; batch++)
                    await store.AppendAsync(ids[i], [.. Enumerable.Range(0, 100).Select(s => new MetricPoint("loss", batch * 100 + s, s, T0))], T0);
            })));
            foreach (var id in ids) Assert.Equal(2000, (await stores[0].FindRunAsync(id))!.Metrics["loss"].Count);
            Assert.Equal(2000, (await stores[1].SeriesAsync(ids[0], "loss")).Count);
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Opening_a_new_store_from_many_connections_at_once_creates_it_once()
    {
        RequireBackend();
        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(Open)));
        foreach (var store in stores) await store.DisposeAsync();
        await using var again = Open();
        Assert.Empty(await again.ListRunsAsync(new RunQuery()));
    }

    [SkippableFact]
    public async Task A_newer_schema_or_someone_elses_database_is_refused()
    {
        RequireBackend();
        await Open().DisposeAsync();
        await ExecuteAsync("UPDATE schema_version SET version = 99");
        Assert.Contains($"has schema version 99; this mlops reads version {Sql.SqlTrackingStore.SchemaVersion}", Assert.Throws<MlopsException>(Open).Message);
        await ResetAsync();
        await ExecuteAsync("CREATE TABLE other (x INTEGER)");
        var error = Assert.Throws<MlopsException>(Open);
        Assert.Contains("holds other tables but no mlops tracking store", error.Message);
        Assert.Equal(ExitCodes.DataError, error.ExitCode);
    }

    [SkippableFact]
    public async Task The_tracker_writes_what_training_logs_and_records_the_end()
    {
        RequireBackend();
        await using var store = Open();
        var tracker = await RunTracker.StartAsync(store, Run("tracked"), new TrackerOptions { Heartbeat = TimeSpan.FromMilliseconds(20) }, NullLogger.Instance);
        for (var step = 0; step < 2000; step++) tracker.Log("train_loss", step, 1.0 / (step + 1));
        await tracker.FinishAsync(RunStatus.Finished, new RunEnd("sha256:m"));
        var run = (await store.FindRunAsync(tracker.RunId))!;
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal(2000, run.Metrics["train_loss"].Count);
        Assert.Equal(0, tracker.Dropped);
        Assert.Equal(0, tracker.FailedWrites);
        Assert.True(run.Metrics["system/rss_mb"].Last > 1, "system metrics are sampled");
        Assert.Equal(Enumerable.Range(0, 2000).Select(s => (long)s), (await store.SeriesAsync(tracker.RunId, "train_loss")).Select(p => p.Step));
    }

    [SkippableFact]
    public async Task The_registry_numbers_versions_moves_aliases_with_history_and_rolls_back()
    {
        RequireBackend();
        await using var store = Open();
        var run = await store.CreateRunAsync(Run("trained"), T0);
        foreach (var i in new[] { 1, 2, 3 })
            Assert.Equal(i, (await store.RegisterAsync("cola", $"/models/v{i}", run, $"sha256:{i}", "ana", T0.AddMinutes(i))).Version);
        Assert.Equal(1, (await store.RegisterAsync("other", "/models/o", null, null, "ana", T0)).Version);

        Assert.Equal(new AliasChange("cola", "champion", null, 1, "ana", T0), await store.SetAliasAsync("cola", "champion", 1, "ana", T0));
        await store.SetAliasAsync("cola", "champion", 3, "bob", T0.AddHours(1));
        await store.SetAliasAsync("cola", "staging", 2, "bob", T0.AddHours(2));
        Assert.Equal("/models/v3", (await store.ResolveAsync("cola", "champion"))!.ModelDir);
        Assert.Equal("/models/v2", (await store.ResolveAsync("cola", "2"))!.ModelDir);
        Assert.Null(await store.ResolveAsync("cola", "9"));
        Assert.Null(await store.ResolveAsync("cola", "nobody"));

        var back = await store.RollbackAliasAsync("cola", "champion", "carol", T0.AddHours(3));
        Assert.Equal((3, 1), (back.FromVersion!.Value, back.ToVersion!.Value));
        Assert.Equal("/models/v1", (await store.ResolveAsync("cola", "champion"))!.ModelDir);
        var versions = await store.VersionsAsync("cola");
        Assert.Equal([3, 2, 1], versions.Select(v => v.Version));
        Assert.Equal(["champion"], versions.Single(v => v.Version == 1).Aliases);
        Assert.Equal(run, versions[0].RunId);
        Assert.Equal([("champion", (int?)null, (int?)1, "ana"), ("champion", 1, 3, "bob"), ("staging", null, 2, "bob"), ("champion", 3, 1, "carol")],
            (await store.AliasHistoryAsync("cola")).Select(c => (c.Alias, c.FromVersion, c.ToVersion, c.ChangedBy)));

        Assert.Contains("has no version 7", (await Assert.ThrowsAsync<MlopsException>(() => store.SetAliasAsync("cola", "champion", 7, "x", T0))).Message);
        Assert.Contains("no earlier version", (await Assert.ThrowsAsync<MlopsException>(() => store.RollbackAliasAsync("cola", "staging", "x", T0))).Message);
        Assert.Contains("no alias 'gone'", (await Assert.ThrowsAsync<MlopsException>(() => store.RollbackAliasAsync("cola", "gone", "x", T0))).Message);
        Assert.Contains("not a valid alias", (await Assert.ThrowsAsync<MlopsException>(() => store.SetAliasAsync("cola", "7", 1, "x", T0))).Message);
        Assert.Contains("made registered model cola version 1, cola version 2, cola version 3",
            (await Assert.ThrowsAsync<MlopsException>(() => store.DeleteRunAsync(run))).Message);
    }

    [SkippableFact]
    public async Task A_model_id_finds_every_version_registered_with_it_newest_first()
    {
        RequireBackend();
        await using var store = Open();
        await store.RegisterAsync("cola", "/models/a", null, "sha256:a", "ana", T0);
        await store.RegisterAsync("cola", "/models/b", null, "sha256:b", "ana", T0.AddMinutes(1));
        await store.RegisterAsync("served", "/serving/a", null, "sha256:a", "ana", T0.AddMinutes(2));
        await store.SetAliasAsync("cola", "champion", 1, "ana", T0);

        var versions = await store.VersionsOfModelAsync("sha256:a");
        Assert.Equal([("served", 1, "/serving/a"), ("cola", 1, "/models/a")], versions.Select(v => (v.Name, v.Version, v.ModelDir)));
        Assert.Equal(["champion"], versions[1].Aliases);
        Assert.Empty(await store.VersionsOfModelAsync("sha256:none"));
    }

    [SkippableFact]
    public async Task Deleting_a_run_removes_it_with_its_series_and_leaves_the_others()
    {
        RequireBackend();
        await using var store = Open();
        var gone = await store.CreateRunAsync(Run("gone"), T0);
        var kept = await store.CreateRunAsync(Run("kept"), T0);
        foreach (var id in new[] { gone, kept }) await store.AppendAsync(id, [new("loss", 1, 0.5, T0), new("loss", 2, 0.4, T0)], T0);
        Assert.True(await store.DeleteRunAsync(gone));
        Assert.False(await store.DeleteRunAsync(gone));
        Assert.Null(await store.FindRunAsync(gone));
        Assert.Empty(await store.SeriesAsync(gone, "loss"));
        Assert.Empty(await store.ParamsAsync(gone));
        Assert.Equal(2, (await store.SeriesAsync(kept, "loss")).Count);
        Assert.Equal(["kept"], (await store.ListRunsAsync(new RunQuery())).Select(r => r.Name));
    }

    [SkippableFact]
    public async Task A_version_1_store_is_upgraded_only_by_migrate_and_keeps_its_runs()
    {
        RequireBackend();
        string id;
        await using (var store = Open())
        {
            id = await store.CreateRunAsync(Run("old"), T0);
            await store.AppendAsync(id, [new("val_mcc", 1, 0.3, T0)], T0);
        }
        // What version 1 was: the same store without the registry's tables.
        await ExecuteAsync("DROP TABLE prediction_events; DROP TABLE prediction_models; DROP TABLE artifacts; DROP TABLE alias_history; DROP TABLE model_aliases; DROP TABLE model_versions; UPDATE schema_version SET version = 1");
        var refused = Assert.Throws<MlopsException>(Open);
        Assert.Contains($"has schema version 1; this mlops needs version {Sql.SqlTrackingStore.SchemaVersion}", refused.Message);
        Assert.Contains("mlops tracking migrate", refused.Hint);
        await (Open(migrate: true)).DisposeAsync();
        await using var upgraded = Open();
        Assert.Equal(0.3, (await upgraded.FindRunAsync(id))!.Metrics["val_mcc"].Last);
        Assert.Equal(1, (await upgraded.RegisterAsync("cola", "/m", id, null, null, T0)).Version);
        Assert.Empty(await upgraded.ArtifactsAsync(id));
        Assert.Empty(await upgraded.MonitoredModelsAsync());
    }

    [SkippableFact]
    public async Task Filters_match_metrics_by_last_value_params_by_text_and_count_ignores_paging()
    {
        RequireBackend();
        await using var store = Open();
        foreach (var (name, shape, mcc) in new[] { ("a", "tiny", 0.1), ("b", "minilm", 0.4), ("c", "minilm", 0.2), ("d", "tiny", 0.5) })
        {
            var id = await store.CreateRunAsync(Run(name) with { Params = new Dictionary<string, string> { ["model.shape"] = shape, ["training.seed"] = "42" } }, T0);
            await store.AppendAsync(id, [new("val_mcc", 1, 0.9, T0), new("val_mcc", 2, mcc, T0)], T0);
        }
        async Task<string[]> Names(string filter) =>
            [.. (await store.ListRunsAsync(new RunQuery { Filters = RunFilter.Parse(filter), SortMetric = "val_mcc" })).Select(r => r.Name)];

        Assert.Equal(["d", "b"], await Names("val_mcc > 0.3"));
        Assert.Equal(["b"], await Names("val_mcc >= 0.3 AND model.shape = minilm"));
        Assert.Equal(["d", "a"], await Names("model.shape != 'minilm'"));
        Assert.Equal(["d", "b", "c", "a"], await Names("training.seed = 42"));
        Assert.Equal(["c"], await Names("name = c"));
        Assert.Empty(await Names("val_mcc > 0.9"));
        Assert.Equal(2, await store.CountRunsAsync(new RunQuery { Filters = RunFilter.Parse("model.shape = tiny"), Limit = 1 }));
        foreach (var bad in new[] { "val_mcc >", "val_mcc > high", "status > 1", "just words" })
            Assert.StartsWith("Run filter:", Assert.Throws<MlopsException>(() => RunFilter.Parse(bad)).Message);
    }

    [SkippableFact]
    public async Task A_number_in_a_filter_matches_a_param_however_the_run_wrote_it()
    {
        RequireBackend();
        await using var store = Open();
        var started = 0;
        foreach (var (name, lr) in new[] { ("a", "1.0e-4"), ("b", "0.0001"), ("c", "1E-4"), ("d", "3e-05"), ("e", "1.0e-4 warm") })
            await store.CreateRunAsync(Run(name) with { Params = new Dictionary<string, string> { ["training.lr"] = lr } }, T0.AddSeconds(started++));
        async Task<string[]> Names(string filter) => [.. (await store.ListRunsAsync(new RunQuery { Filters = RunFilter.Parse(filter) })).Select(r => r.Name)];

        foreach (var same in new[] { "0.0001", "1e-4", "1.0e-4", "10e-5" })
            Assert.Equal(["c", "b", "a"], await Names($"training.lr = {same}"));
        Assert.Equal(["e", "d"], await Names("training.lr != 0.0001"));
        Assert.Equal(["e"], await Names("training.lr = '1.0e-4 warm'"));
        Assert.Equal(3, await store.CountRunsAsync(new RunQuery { Filters = RunFilter.Parse("training.lr = 1e-4"), Limit = 1 }));
    }

    [SkippableFact]
    public async Task A_sort_or_filter_key_no_run_has_is_one_line_naming_the_nearest_keys()
    {
        RequireBackend();
        await using var store = Open();
        var none = await store.RunKeysAsync();
        Assert.Empty(none.Metrics.Concat(none.Params));
        none.Check(new RunQuery { SortMetric = "val_mc" }); // no runs: nothing to compare with, and nothing to list
        var id = await store.CreateRunAsync(Run("a"), T0);
        await store.AppendAsync(id, [new("val_mcc", 1, 0.3, T0), new("val_loss", 1, 0.6, T0)], T0);
        var keys = await store.RunKeysAsync();
        Assert.Equal(["val_loss", "val_mcc"], keys.Metrics);
        Assert.Equal(["model.shape", "training.lr"], keys.Params);

        keys.Check(new RunQuery { SortMetric = "val_mcc", Filters = RunFilter.Parse("training.lr = 3e-5 and name = a and val_loss < 1") });
        var sort = Assert.Throws<MlopsException>(() => keys.Check(new RunQuery { SortMetric = "val_mc" }));
        Assert.Equal(ExitCodes.UserError, sort.ExitCode);
        Assert.Equal("No run has a metric 'val_mc' to sort by; nearest: val_mcc, val_loss.", sort.Message);
        var filter = Assert.Throws<MlopsException>(() => keys.Check(new RunQuery { Filters = RunFilter.Parse("training.lrr = 3e-5") }));
        Assert.Equal("No run has a metric or param 'training.lrr' (in 'training.lrr = 3e-5'); nearest: training.lr, val_loss, val_mcc.", filter.Message);
        Assert.StartsWith("No run has a metric 'train_loss' (in 'train_loss < 1'); nearest: val_loss",
            Assert.Throws<MlopsException>(() => keys.Check(new RunQuery { Filters = RunFilter.Parse("train_loss < 1") })).Message);
    }

    [SkippableFact]
    public async Task A_long_series_is_sampled_to_min_and_max_per_bucket_plus_its_last_point()
    {
        RequireBackend();
        await using var store = Open();
        var id = await store.CreateRunAsync(Run("long"), T0);
        var points = Enumerable.Range(0, 10_000).Select(step => new MetricPoint("loss", step, step == 4321 ? 99 : Math.Sin(step), T0)).ToList();
        await store.AppendAsync(id, points, T0);

        var sample = await store.SampleSeriesAsync(id, "loss", 201);
        Assert.True(sample.Downsampled);
        Assert.Equal(10_000, sample.Count);
        Assert.InRange(sample.Values.Count, 150, 201);
        Assert.Equal(99, sample.Values.Max());
        Assert.Equal(points.Min(p => p.Value), sample.Values.Min());
        Assert.Equal((9_999L, Math.Sin(9_999)), (sample.Steps[^1], sample.Values[^1]));
        Assert.Equal(sample.Steps.Order(), sample.Steps);

        var whole = await store.SampleSeriesAsync(id, "loss", 20_000);
        Assert.False(whole.Downsampled);
        Assert.Equal(points.Select(p => p.Value), whole.Values);
        Assert.Empty((await store.SampleSeriesAsync(id, "missing", 100)).Steps);
    }

    [SkippableFact]
    public async Task Artifacts_recorded_with_the_end_are_listed_and_deleted_with_the_run()
    {
        RequireBackend();
        await using var store = Open();
        var id = await store.CreateRunAsync(Run("with-files"), T0);
        Artifacts.ArtifactFile[] files = [new("model/model.safetensors", 1234, "ab"), new("confusion_matrix.json", 40, "cd")];
        await store.EndRunAsync(id, RunStatus.Finished, new RunEnd(Artifacts: files), T0);
        Assert.Equal(files.OrderBy(f => f.Path, StringComparer.Ordinal), await store.ArtifactsAsync(id));
        Assert.True(await store.DeleteRunAsync(id));
        Assert.Empty(await store.ArtifactsAsync(id));
    }
}
