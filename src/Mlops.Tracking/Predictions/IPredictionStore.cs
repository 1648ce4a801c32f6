namespace Mlops.Tracking.Predictions;

/// <summary>
/// The serving API's predictions kept in the tracking store's database, so <c>mlops ui</c> can show live traffic per
/// model version without a log cluster: appended in batches with the retention applied in the same transaction, read
/// back per model for the monitoring view. A port of its own beside <see cref="ITrackingStore"/> (the SQL stores
/// implement both): runs and models are the store's business, prediction events are what the serving side wires in.
/// </summary>
public interface IPredictionStore : IAsyncDisposable
{
    /// <summary>Adds the events and, given <paramref name="keepFrom"/>, deletes every event older than that, in one transaction.</summary>
    Task AppendPredictionsAsync(IReadOnlyList<StoredPrediction> events, DateTimeOffset? keepFrom, CancellationToken cancellationToken = default);

    /// <summary>
    /// Each model that served predictions still kept (or only <paramref name="modelId"/>, if it did): how many and when,
    /// the most recently active first.
    /// </summary>
    Task<IReadOnlyList<MonitoredModel>> MonitoredModelsAsync(string? modelId = null, CancellationToken cancellationToken = default);

    /// <summary>The model's latest <paramref name="limit"/> events, oldest first.</summary>
    Task<IReadOnlyList<StoredPrediction>> PredictionsAsync(string modelId, int limit, CancellationToken cancellationToken = default);
}
