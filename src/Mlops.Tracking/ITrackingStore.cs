using Mlops.Tracking.Artifacts;

namespace Mlops.Tracking;

/// <summary>
/// Where runs, params and metric series are kept: SQLite in a file by default (<see cref="Sqlite.SqliteTrackingStore"/>),
/// a server for a team. Writers append in batches; readers list runs from per-metric summaries kept at write time.
/// </summary>
public interface ITrackingStore : IRunWriter, IModelRegistry, IAsyncDisposable
{
    /// <summary>Marks failed every running run whose heartbeat is older than <paramref name="timeout"/>; returns how many.</summary>
    Task<int> FailStaleRunsAsync(TimeSpan timeout, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>The run with this id, or the only one whose id starts with it; null when none.</summary>
    Task<RunRecord?> FindRunAsync(string idOrPrefix, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, string>> ParamsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a run with its params, tags and series; refused (one line) while a registered model version comes from
    /// it, so a <c>models:/</c> reference never dangles. False when there is no such run.
    /// </summary>
    Task<bool> DeleteRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>One series of a run, in step order.</summary>
    Task<IReadOnlyList<MetricPoint>> SeriesAsync(string runId, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// One series for a chart: whole when it has at most <paramref name="maxPoints"/> points, otherwise per bucket of
    /// steps its minimum and maximum, then the last point, so spikes and the current value survive; summed in the database.
    /// </summary>
    Task<SeriesSample> SampleSeriesAsync(string runId, string key, int maxPoints, CancellationToken cancellationToken = default);

    /// <summary>Every metric and param key some run has: what a sort or a filter may name (<see cref="RunKeys.Check"/>).</summary>
    Task<RunKeys> RunKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>How many runs <paramref name="query"/> matches, ignoring its paging.</summary>
    Task<long> CountRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>The files the run recorded when it ended (<see cref="RunEnd.Artifacts"/>), in path order.</summary>
    Task<IReadOnlyList<ArtifactFile>> ArtifactsAsync(string runId, CancellationToken cancellationToken = default);
}
