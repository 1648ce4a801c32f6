using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Tracking.Spool;
using Mlops.Tracking.Sqlite;

namespace Mlops.Tracking.Tests;

/// <summary>A run tracked while its store is away goes to the spool, and into a real store, whole and in order, when it answers.</summary>
public sealed class TrackingSpoolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mlops-spool-").FullName;

    private static readonly RunStart Run = new() { Name = "offline", Params = new Dictionary<string, string> { ["training.lr"] = "3e-05" } };

    [Fact]
    public async Task A_run_spooled_for_its_whole_life_is_replayed_whole_and_the_file_removed()
    {
        var uri = "sqlite:" + Path.Combine(_dir, "mlops.db");
        var spool = new TrackingSpool(Path.Combine(_dir, "spool"), uri);
        var tracker = await RunTracker.StartAsync(spool, Run, new TrackerOptions { Heartbeat = TimeSpan.FromMilliseconds(20) }, NullLogger.Instance, spill: spool);
        for (var step = 0; step < 500; step++) tracker.Log("train_loss", step, 1.0 / (step + 1));
        tracker.Log("val_mcc", 499, 0.42);
        await tracker.FinishAsync(RunStatus.Finished, new RunEnd("sha256:m", "sha256:d"));
        Assert.Single(Directory.EnumerateFiles(spool.Directory));

        await using var store = TrackingStores.Open(uri);
        Assert.Equal(1, await spool.ReplayAsync(store, NullLogger.Instance));
        var run = (await store.FindRunAsync(tracker.RunId))!;
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal("sha256:m", run.ModelId);
        Assert.Equal(500, run.Metrics["train_loss"].Count);
        Assert.Equal(0.42, run.Metrics["val_mcc"].Last);
        Assert.Equal("3e-05", (await store.ParamsAsync(run.Id))["training.lr"]);
        Assert.Empty(Directory.EnumerateFiles(spool.Directory));
        Assert.Equal(0, await spool.ReplayAsync(store, NullLogger.Instance));
    }

    [Fact]
    public async Task A_run_the_store_already_has_is_not_created_twice_and_a_line_cut_by_a_crash_costs_only_itself()
    {
        var uri = "sqlite:" + Path.Combine(_dir, "mlops.db");
        await using var store = SqliteTrackingStore.Open(Path.Combine(_dir, "mlops.db"));
        var id = await store.CreateRunAsync(Run, DateTimeOffset.UtcNow);
        var spool = new TrackingSpool(Path.Combine(_dir, "spool"), uri);
        // The store went away mid-run: the spill starts the run again (replay skips it), then its points and end.
        await spool.CreateRunAsync(Run with { Id = id }, DateTimeOffset.UtcNow);
        await spool.AppendAsync(id, [new("loss", 1, 0.5, DateTimeOffset.UtcNow)], DateTimeOffset.UtcNow);
        // Then the process died in the middle of its next line.
        File.AppendAllText(Path.Combine(spool.Directory, id + ".jsonl"), "{\"Kind\":\"points\",\"Id\":\"" + id + "\",\"At\":1,\"Poi");
        Assert.Equal(1, await spool.ReplayAsync(store, NullLogger.Instance));
        Assert.Single(await store.ListRunsAsync(new RunQuery()));
        var run = (await store.FindRunAsync(id))!;
        Assert.Equal(1, run.Metrics["loss"].Count);
        // It never said how it ended: its heartbeat goes stale and the store marks it failed.
        Assert.Equal(RunStatus.Running, run.Status);
        await store.FailStaleRunsAsync(TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(RunStatus.Failed, (await store.FindRunAsync(id))!.Status);
    }

    [Fact]
    public void Each_store_has_its_own_spool_folder()
    {
        var root = Path.Combine(_dir, "spool");
        Assert.NotEqual(new TrackingSpool(root, "sqlite:a.db").Directory, new TrackingSpool(root, "postgresql://h/db").Directory);
        Assert.Equal(new TrackingSpool(root, "sqlite:a.db").Directory, new TrackingSpool(root, "sqlite:a.db").Directory);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
