namespace Mlops.Tracking;

/// <summary>A series at a glance: its last value (and step), minimum, maximum and number of points.</summary>
public sealed record MetricSummary(double Last, long LastStep, double Min, double Max, long Count);
