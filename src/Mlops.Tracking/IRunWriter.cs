namespace Mlops.Tracking;

/// <summary>What a running training run writes: its start, its points, its end. A store, or a spool file while the store is away.</summary>
public interface IRunWriter
{
    /// <summary>
    /// Creates a running run with its params and tags (under <see cref="RunStart.Id"/> when given); returns its id. A run
    /// that already has that id is continued (a resumed training run): running again, with these params and tags, its
    /// series kept.
    /// </summary>
    Task<string> CreateRunAsync(RunStart run, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Appends points and moves the run's heartbeat, in one transaction.</summary>
    Task AppendAsync(string runId, IReadOnlyList<MetricPoint> points, DateTimeOffset heartbeat, CancellationToken cancellationToken = default);

    /// <summary>Records how the run ended and, when it produced one, its model's id and data fingerprint (from the model card).</summary>
    Task EndRunAsync(string runId, RunStatus status, RunEnd end, DateTimeOffset now, CancellationToken cancellationToken = default);
}
