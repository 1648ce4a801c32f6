using System.Data.Common;
using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Monitoring.Events;
using Mlops.Monitoring.Shipping;
using Mlops.Tracking;
using Mlops.Tracking.Predictions;

namespace Mlops.Serving;

/// <summary>
/// Ships prediction events into the tracking store (<c>monitoring.store</c>), where the serving side meets the store's
/// own port (<see cref="IPredictionStore"/>, which knows nothing of monitoring): one transaction per batch, the first
/// batch of every minute also deleting what is older than the retention, so the table stays as large as the retention
/// and no sweeper is needed (a DELETE per batch cost the serving API more than the inserts). Owns its store and closes
/// it when the shipper is done.
/// </summary>
public sealed class PredictionStoreTarget(IPredictionStore store, TimeSpan retention, TimeProvider? clock = null) : IEventTarget, IAsyncDisposable
{
    /// <summary>How often a batch also applies the retention.</summary>
    public static readonly TimeSpan ExpiryInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private DateTimeOffset _expiredAt = DateTimeOffset.MinValue;

    public string Name => "tracking_store";

    /// <summary>
    /// The target for <c>tracking.uri</c> when <c>monitoring.store.enabled</c>; a store that cannot be opened (a
    /// read-only container, a server that is down) costs a warning, not the predictions: serving goes on without it.
    /// </summary>
    public static PredictionStoreTarget? Open(StoreShippingOptions options, string? trackingUri, ILogger logger)
    {
        if (!options.Enabled || string.IsNullOrEmpty(trackingUri)) return null;
        try
        {
            return new PredictionStoreTarget(TrackingStores.Open(trackingUri), TimeSpan.FromDays(options.RetentionDays));
        }
        catch (Exception e) when (e is MlopsException or DbException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Prediction events will not reach the tracking store: {Error} Set tracking.uri to a writable store, or monitoring.store.enabled=false.",
                e.Message);
            return null;
        }
    }

    public async Task<Delivery> SendAsync(IReadOnlyList<PredictionEvent> events, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var expire = now - _expiredAt >= ExpiryInterval;
        var rows = new StoredPrediction[events.Count];
        for (var i = 0; i < rows.Length; i++) rows[i] = Row(events[i]);
        await store.AppendPredictionsAsync(rows, expire ? now - retention : null, cancellationToken);
        if (expire) _expiredAt = now;
        return Delivery.Complete;
    }

    /// <summary>What the store keeps of an event: everything but the text and the drift decision of the moment.</summary>
    public static StoredPrediction Row(PredictionEvent e) =>
        new(e.Timestamp, e.RequestId, e.Source, e.ModelId, e.Label, e.LabelIndex, e.Confidence, e.Tokens, e.UnknownTokens, e.Latency, e.TextHash);

    public ValueTask DisposeAsync() => store.DisposeAsync();
}
