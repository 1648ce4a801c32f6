namespace Mlops.Runs.Multirun;

/// <summary>What a sweep optimizes: the metric read from each job's model card (the monitored one), and its direction.</summary>
public sealed record SweepObjective(string Metric, bool Maximize);
