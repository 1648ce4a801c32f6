namespace Mlops.Training.Callbacks;

/// <summary>
/// Reads the monitored metric from a validation result and compares values. A key that is never logged is
/// an error listing the keys that are (the course's checkpoint silently monitored a metric it never logged).
/// </summary>
public sealed record MonitoredMetric(string Key, MonitorMode Mode)
{
    public double Read(ValidationResult result, string owner) =>
        result.Metrics.TryGetValue(Key, out var value)
            ? value
            : throw new TrainingException(
                $"{owner} monitors '{Key}', which is not logged.",
                $"Monitor one of: {string.Join(", ", result.Metrics.Keys.Order().Select(k => $"'{k}'"))}.");

    public bool IsImprovement(double current, double? best) =>
        best is null || (Mode == MonitorMode.Max ? current > best.Value : current < best.Value);
}
