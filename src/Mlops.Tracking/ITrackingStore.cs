namespace Mlops.Tracking;

/// <summary>
/// Where runs, params and metric series are kept: SQLite in a file by default (<see cref="Sqlite.SqliteTrackingStore"/>),
/// a server for a team. Writers append in batches; readers list runs from per-metric summaries kept at write time.
/// </summary>
public interface ITrackingStore : IModelRegistry, IAsyncDisposable
{
    /// <summary>Creates a running run with its params and tags; returns its id.</summary>
    Task<string> CreateRunAsync(RunStart run, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Appends points and moves the run's heartbeat, in one transaction.</summary>
    Task AppendAsync(string runId, IReadOnlyList<MetricPoint> points, DateTimeOffset heartbeat, CancellationToken cancellationToken = default);

    /// <summary>Records how the run ended and, when it produced one, its model's id and data fingerprint (from the model card).</summary>
    Task EndRunAsync(string runId, RunStatus status, RunEnd end, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Marks failed every running run whose heartbeat is older than <paramref name="timeout"/>; returns how many.</summary>
    Task<int> FailStaleRunsAsync(TimeSpan timeout, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>The run with this id, or the only one whose id starts with it; null when none.</summary>
    Task<RunRecord?> FindRunAsync(string idOrPrefix, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, string>> ParamsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>One series of a run, in step order.</summary>
    Task<IReadOnlyList<MetricPoint>> SeriesAsync(string runId, string key, CancellationToken cancellationToken = default);
}
