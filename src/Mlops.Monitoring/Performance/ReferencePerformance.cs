using Mlops.Monitoring.Drift;

namespace Mlops.Monitoring.Performance;

/// <summary>
/// What the model truly scored on the labelled held-out data its reference profile was computed on, and the calibration
/// fitted there, so that live traffic, which has no labels, can have its accuracy and MCC estimated from the model's
/// confidences (<see cref="PerformanceEstimation"/>) and compared with this baseline. <see cref="Mcc"/> is null for more
/// than two labels, where it is not estimated either.
/// </summary>
public sealed record ReferencePerformance(int Events, double Accuracy, double? Mcc, IsotonicCalibration Calibration)
{
    /// <summary>Scores <paramref name="predictions"/> against <paramref name="actualLabels"/> and fits the calibration on them.</summary>
    public static ReferencePerformance Measure(int labelCount, IReadOnlyList<PredictionObservation> predictions, IReadOnlyList<int> actualLabels)
    {
        if (predictions.Count == 0 || predictions.Count != actualLabels.Count)
            throw new ArgumentException($"Measuring needs a true label for each prediction, at least one ({predictions.Count} predictions, {actualLabels.Count} labels).", nameof(actualLabels));
        var right = predictions.Select((p, i) => p.LabelIndex == actualLabels[i]).ToArray();
        var calibration = IsotonicCalibration.Fit([.. predictions.Select(p => CalibrationTarget.Score(p, labelCount))],
            [.. predictions.Select((p, i) => CalibrationTarget.Happened(p, actualLabels[i], labelCount))]);
        return new ReferencePerformance(predictions.Count, right.Count(r => r) / (double)right.Length,
            labelCount == 2 ? ExpectedConfusion.Of(predictions, i => right[i] ? 1 : 0).Mcc : null, calibration);
    }
}
