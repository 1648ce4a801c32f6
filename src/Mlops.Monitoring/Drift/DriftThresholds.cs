using System.ComponentModel.DataAnnotations;

namespace Mlops.Monitoring.Drift;

/// <summary>
/// When a window of live predictions counts as drifted (config group <c>monitoring.drift</c>). Each signal needs both a
/// significant test (p under <see cref="PValue"/>) and an effect large enough to matter, so a big window does not alarm
/// on a negligible difference; PSI alone alarms at <see cref="Psi"/>. Under <see cref="MinEvents"/> the answer is
/// "insufficient data", never "no drift".
/// </summary>
public sealed record DriftThresholds : IValidatableObject
{
    /// <summary>The sliding window: the last this many predictions are compared with the reference.</summary>
    [Range(10, 1_000_000)] public int Window { get; init; } = 500;
    [Range(10, 1_000_000)] public int MinEvents { get; init; } = 200;
    [Range(1e-12, 0.5)] public double PValue { get; init; } = 0.01;
    /// <summary>KS distance between confidence or token-length distributions (a share of the window, 0-1).</summary>
    [Range(0.0, 1.0)] public double KsDistance { get; init; } = 0.15;
    /// <summary>Population stability index of the confidence or token-length histogram: 0.1 moderate, 0.25 major.</summary>
    [Range(0.0, 10.0)] public double Psi { get; init; } = 0.25;
    /// <summary>Cohen's w of the predicted label mix against the reference's (0.1 small, 0.3 medium, 0.5 large).</summary>
    [Range(0.0, 1.0)] public double LabelEffect { get; init; } = 0.15;
    /// <summary>How much higher the live unknown-token rate may be than the reference's before it alarms (in absolute points).</summary>
    [Range(0.0, 1.0)] public double UnknownRateIncrease { get; init; } = 0.02;
    /// <summary>Distance of the window's sentence-embedding centroid from the reference's, in reference RMS spreads (about 1/sqrt(window) with no shift).</summary>
    [Range(0.0, 10.0)] public double EmbeddingDistance { get; init; } = 0.2;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinEvents > Window)
            yield return new ValidationResult($"min_events ({MinEvents}) is larger than window ({Window}): no window could ever decide.", [nameof(MinEvents)]);
    }
}
