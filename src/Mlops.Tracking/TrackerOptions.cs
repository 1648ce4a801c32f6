namespace Mlops.Tracking;

/// <summary>How a <see cref="RunTracker"/> buffers and reports: queue size, write cadence, heartbeat and system metrics.</summary>
public sealed record TrackerOptions
{
    /// <summary>Points waiting to be written; when full, new points are counted as dropped instead of slowing training.</summary>
    public int QueueCapacity { get; init; } = 100_000;
    /// <summary>How often the background writer moves the heartbeat and samples CPU and RSS (it writes points as they come).</summary>
    public TimeSpan Heartbeat { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How long the writer lets points gather after the first one arrives, so a step's few points share a transaction.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>The step of the first CPU and RSS sample: after the last one a continued run recorded (<see cref="RunTracker.NextSystemSample"/>).</summary>
    public long FirstSystemSample { get; init; }
    /// <summary>How long <see cref="RunTracker.FinishAsync"/> waits for the queue to drain.</summary>
    public TimeSpan FinishTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
