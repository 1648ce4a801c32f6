using System.ComponentModel.DataAnnotations;

namespace Mlops.Monitoring.Shipping;

/// <summary>
/// How an <see cref="EventShipper"/> buffers and retries, shared by every place prediction events are shipped to
/// (<c>monitoring.elasticsearch</c>, <c>monitoring.store</c>): a bounded buffer, batches, a flush interval, and a capped
/// exponential backoff while the backend is down.
/// </summary>
public record ShippingOptions : IValidatableObject
{
    /// <summary>Events held while the backend is slow or down (the in-flight batch included); past it new ones are dropped and counted.</summary>
    [Range(1, 10_000_000)] public int BufferEvents { get; init; } = 20_000;
    /// <summary>Events per request (one bulk request, one transaction).</summary>
    [Range(1, 100_000)] public int BatchEvents { get; init; } = 1_000;
    /// <summary>A batch smaller than <see cref="BatchEvents"/> waits at most this long.</summary>
    [Range(0.01, 3600)] public double FlushSeconds { get; init; } = 1;
    /// <summary>One request's limit; a backend that stalls longer counts as down.</summary>
    [Range(0.1, 3600)] public double TimeoutSeconds { get; init; } = 10;
    /// <summary>The wait between retries doubles from half a second up to this.</summary>
    [Range(0.5, 3600)] public double MaxBackoffSeconds { get; init; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BatchEvents > BufferEvents)
            yield return new ValidationResult($"batch_events ({BatchEvents}) is larger than buffer_events ({BufferEvents}): no batch could ever fill.", [nameof(BatchEvents)]);
    }
}
