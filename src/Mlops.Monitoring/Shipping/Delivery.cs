using Mlops.Monitoring.Events;

namespace Mlops.Monitoring.Shipping;

/// <summary>
/// What became of a batch: the events to send again (the whole batch when the backend was unreachable), how many the
/// backend refused for good, and why, when anything failed.
/// </summary>
public sealed record Delivery(IReadOnlyList<PredictionEvent> Retry, int Rejected, string? Error)
{
    public static readonly Delivery Complete = new([], 0, null);

    public static Delivery RetryAll(IReadOnlyList<PredictionEvent> events, string error) => new(events, 0, error);
}
