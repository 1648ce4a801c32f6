using Microsoft.Extensions.Logging.Abstractions;

namespace Mlops.Tracking.Tests;

/// <summary>The tracking client's promises that do not depend on a backend: finishing on time when the store is slow.</summary>
public sealed class RunTrackerTests
{
    /// <summary>A store whose first batch write hangs until released, recording every call.</summary>
    private sealed class StalledWriter : IRunWriter
    {
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Appends;
        public RunStatus? Ended;

        public Task<string> CreateRunAsync(RunStart run, DateTimeOffset now, CancellationToken cancellationToken = default) => Task.FromResult("run1");

        public async Task AppendAsync(string runId, IReadOnlyList<MetricPoint> points, DateTimeOffset heartbeat, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Appends);
            await Release.Task;
        }

        public Task EndRunAsync(string runId, RunStatus status, RunEnd end, DateTimeOffset now, CancellationToken cancellationToken = default)
        {
            Ended = status;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Finishing_against_a_hung_store_returns_after_the_timeout_and_starts_no_batch_after_the_one_in_flight()
    {
        var store = new StalledWriter();
        var options = new TrackerOptions { FinishTimeout = TimeSpan.FromMilliseconds(100), FlushInterval = TimeSpan.FromMilliseconds(1), Heartbeat = TimeSpan.FromHours(1) };
        var tracker = await RunTracker.StartAsync(store, new RunStart { Name = "slow" }, options, NullLogger.Instance);
        tracker.Log("train_loss", 0, 1.0);
        await Poll.UntilAsync(() => Volatile.Read(ref store.Appends) > 0, () => "the first batch never reached the store");
        for (var step = 1; step < 100; step++) tracker.Log("train_loss", step, 1.0);

        await tracker.FinishAsync(RunStatus.Finished).WaitAsync(Poll.Patience);
        Assert.Equal(RunStatus.Finished, store.Ended);
        store.Release.SetResult();
        await tracker.Writer.WaitAsync(Poll.Patience); // the batch in flight landed and the writer stopped there
        Assert.Equal(1, Volatile.Read(ref store.Appends));
    }
}
