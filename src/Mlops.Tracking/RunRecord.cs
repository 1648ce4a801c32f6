namespace Mlops.Tracking;

/// <summary>
/// A run as the store lists it: identity, status and times, and per metric its last, minimum and maximum value, kept
/// at write time so listing and sorting runs never reads the series.
/// </summary>
public sealed record RunRecord
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? Sweep { get; init; }
    public required RunStatus Status { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? ModelId { get; init; }
    public string? GitCommit { get; init; }
    public bool? GitDirty { get; init; }
    public string? ConfigHash { get; init; }
    public string? DataFingerprint { get; init; }
    public string? RunDir { get; init; }
    public string? Notes { get; init; }
    public IReadOnlyDictionary<string, MetricSummary> Metrics { get; init; } = new Dictionary<string, MetricSummary>();
}
