using Mlops.Monitoring.Events;

namespace Mlops.Monitoring.Shipping;

/// <summary>A backend an <see cref="EventShipper"/> delivers batches of prediction events to: Elasticsearch's bulk API, the tracking store.</summary>
public interface IEventTarget
{
    /// <summary>The metric label and log name of the backend, e.g. <c>elasticsearch</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Delivers the batch; throws or answers <see cref="Delivery.Retry"/> for what may succeed later (the backend is
    /// down, slow or overloaded), and counts as <see cref="Delivery.Rejected"/> what never will (a document it refuses).
    /// </summary>
    Task<Delivery> SendAsync(IReadOnlyList<PredictionEvent> events, CancellationToken cancellationToken);
}
