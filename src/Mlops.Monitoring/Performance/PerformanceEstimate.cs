namespace Mlops.Monitoring.Performance;

/// <summary>
/// Accuracy and MCC of a window of unlabelled predictions, estimated from calibrated confidences, beside what the model
/// truly scored on its labelled reference data; <see cref="Mcc"/> is null (not estimated) for more than two labels.
/// </summary>
public sealed record PerformanceEstimate(EstimatedMetric Accuracy, EstimatedMetric? Mcc, double ReferenceAccuracy, double? ReferenceMcc);
