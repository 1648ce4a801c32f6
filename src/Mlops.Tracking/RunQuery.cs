namespace Mlops.Tracking;

/// <summary>A page of the run list: sorted by start time (newest first) or by a metric's last value, optionally one status or sweep, and filtered.</summary>
public sealed record RunQuery
{
    /// <summary>A metric key (<c>val_mcc</c>) to sort by its last value; null sorts by start time, newest first.</summary>
    public string? SortMetric { get; init; }
    public bool Descending { get; init; } = true;
    public RunStatus? Status { get; init; }
    public string? Sweep { get; init; }
    /// <summary>Clauses every listed run satisfies (<see cref="RunFilter.Parse"/>).</summary>
    public IReadOnlyList<RunFilter> Filters { get; init; } = [];
    public int Limit { get; init; } = 50;
    public int Offset { get; init; }
}
