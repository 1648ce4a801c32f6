using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Tracking;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// Load on a tracking store through the real client (<see cref="RunTracker"/>): one writer pushing a million points as
/// fast as it can (ingest), and several training-like writers, each with its own connection as separate processes have,
/// logging at a steady step rate (concurrency). Both count what the store holds afterwards, so a lost point shows.
/// </summary>
public static class TrackingLoad
{
    /// <summary>What one load run measured.</summary>
    public sealed record Result(int Writers, long Logged, long Stored, long Dropped, long FailedWrites, double Seconds)
    {
        public double PointsPerSecond => Stored / Seconds;
    }

    private static RunStart Run(string name) => new() { Name = name, Params = new Dictionary<string, string> { ["bench"] = "tracking" } };

    /// <summary><paramref name="points"/> points over 3 series from one writer; seconds until the last is committed.</summary>
    public static async Task<Result> IngestAsync(Func<ITrackingStore> open, int points)
    {
        await using var store = open();
        var clock = Stopwatch.StartNew();
        var tracker = await RunTracker.StartAsync(store, Run("ingest"), new TrackerOptions { QueueCapacity = points }, NullLogger.Instance);
        for (var i = 0; i < points; i++) tracker.Log(Series[i % Series.Length], i / Series.Length, i * 1e-6);
        await tracker.FinishAsync(RunStatus.Finished);
        var seconds = clock.Elapsed.TotalSeconds;
        var stored = await StoredAsync(store, tracker.RunId);
        return new Result(1, points, stored, tracker.Dropped, tracker.FailedWrites, seconds);
    }

    /// <summary><paramref name="writers"/> runs logging 3 series at <paramref name="stepsPerSecond"/> steps/s each for <paramref name="duration"/>.</summary>
    public static async Task<Result> ConcurrentAsync(Func<ITrackingStore> open, int writers, int stepsPerSecond, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var store = open();
            var tracker = await RunTracker.StartAsync(store, Run($"writer-{w}"), new TrackerOptions { Heartbeat = TimeSpan.FromSeconds(1) }, NullLogger.Instance);
            var step = 0L;
            var started = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                foreach (var key in Series) tracker.Log(key, step, step * 1e-3);
                step++;
                var due = TimeSpan.FromSeconds((double)step / stepsPerSecond) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.FromMilliseconds(1)) await Task.Delay(due);
            }
            await tracker.FinishAsync(RunStatus.Finished);
            return (Logged: step * Series.Length, Stored: await StoredAsync(store, tracker.RunId), tracker.Dropped, tracker.FailedWrites);
        })));
        return new Result(writers, results.Sum(r => r.Logged), results.Sum(r => r.Stored), results.Sum(r => r.Dropped), results.Sum(r => r.FailedWrites),
            clock.Elapsed.TotalSeconds);
    }

    private static readonly string[] Series = ["train_loss", "lr", "sentences_per_s"];

    private static async Task<long> StoredAsync(ITrackingStore store, string runId) =>
        (await store.FindRunAsync(runId))!.Metrics.Where(m => Series.Contains(m.Key)).Sum(m => m.Value.Count);
}
