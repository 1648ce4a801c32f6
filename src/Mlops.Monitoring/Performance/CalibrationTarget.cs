using Mlops.Monitoring.Drift;

namespace Mlops.Monitoring.Performance;

/// <summary>
/// What the calibration maps, in one place so that fitting it and estimating with it agree: for two labels the
/// probability of label 1 against whether the true label was 1 (NannyML's predicted-positive probability, from which
/// the whole expected confusion matrix follows), for more labels the winning probability against whether the
/// prediction was right (enough for accuracy, not for MCC).
/// </summary>
public static class CalibrationTarget
{
    /// <summary>The score the calibration takes: p(label 1) for two labels (from the winner and its probability), else the winner's probability.</summary>
    public static double Score(PredictionObservation prediction, int labelCount) =>
        labelCount == 2 && prediction.LabelIndex == 0 ? 1 - prediction.Confidence : prediction.Confidence;

    /// <summary>Whether what <see cref="Score"/> scores happened, given the true label.</summary>
    public static bool Happened(PredictionObservation prediction, int actualLabel, int labelCount) =>
        labelCount == 2 ? actualLabel == 1 : actualLabel == prediction.LabelIndex;

    /// <summary>The probability that the prediction is right, from its calibrated score.</summary>
    public static double ProbabilityCorrect(PredictionObservation prediction, double calibrated, int labelCount) =>
        labelCount == 2 && prediction.LabelIndex == 0 ? 1 - calibrated : calibrated;
}
