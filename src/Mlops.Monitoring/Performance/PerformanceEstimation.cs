using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;
using Mlops.Monitoring.Drift;

namespace Mlops.Monitoring.Performance;

/// <summary>
/// Confidence-based performance estimation (NannyML's CBPE): with calibrated probabilities each prediction is right with
/// its calibrated probability p, so the expected confusion matrix of a window is the sum of p and 1 - p over its
/// predicted-positive and predicted-negative predictions (E[TP] = sum of p over predicted positive, E[FP] = sum of 1 - p
/// there, and so on). Accuracy is (E[TP] + E[TN]) / n, for any number of labels from the winner's calibrated probability;
/// MCC, for two labels only, is the MCC of that expected matrix. The bands are what the true value could be if the
/// calibration holds: for accuracy the normal approximation of the sum of independent Bernoulli(p) outcomes (standard
/// deviation sqrt(sum p(1 - p)) / n), for MCC a Monte Carlo over <see cref="Draws"/> draws of every outcome from its p
/// (the 2.5 and 97.5 percentiles of the drawn MCCs), with a fixed seed so the same window always gets the same band.
/// The bands do not cover a calibration that no longer holds, as under covariate shift.
/// </summary>
public static class PerformanceEstimation
{
    public const int Draws = 500;
    /// <summary>Why a decision-only report (<see cref="Drift.DriftAnalysis.Compare"/> without the estimate) has none.</summary>
    public const string NotAsked = "not estimated: only the drift decision was asked for";
    /// <summary>Why a profile without <see cref="ReferenceProfile.Performance"/> gets no estimate, in a sentence.</summary>
    public const string NoCalibration = "not estimated: the reference profile has no calibration (profiles before format version 2 have none); train the model again to estimate accuracy and MCC";
    private const int Seed = 20;
    private const double Z95 = 1.959963984540054;

    public static PerformanceEstimate Estimate(ReferencePerformance reference, int labelCount, IReadOnlyList<PredictionObservation> window)
    {
        if (window.Count == 0) throw new ArgumentException("An estimate needs at least one prediction.", nameof(window));
        var correct = window.Select(o => CalibrationTarget.ProbabilityCorrect(o, reference.Calibration.Apply(CalibrationTarget.Score(o, labelCount)), labelCount)).ToArray();
        var accuracy = correct.Average();
        var accuracyDeviation = Math.Sqrt(correct.Sum(p => p * (1 - p))) / correct.Length;
        var estimatedAccuracy = new EstimatedMetric(accuracy, accuracyDeviation,
            Math.Max(0, accuracy - Z95 * accuracyDeviation), Math.Min(1, accuracy + Z95 * accuracyDeviation));
        return new PerformanceEstimate(estimatedAccuracy, labelCount == 2 ? Mcc(window, correct) : null, reference.Accuracy, reference.Mcc);
    }

    private static EstimatedMetric Mcc(IReadOnlyList<PredictionObservation> window, double[] correct)
    {
        var random = new Xoshiro256StarStar(Seed, threadSafe: false);
        var uniforms = new double[correct.Length];
        var drawn = new double[Draws];
        for (var d = 0; d < Draws; d++)
        {
            random.NextDoubles(uniforms);
            drawn[d] = ExpectedConfusion.Of(window, i => uniforms[i] < correct[i] ? 1 : 0).Mcc;
        }
        return new EstimatedMetric(ExpectedConfusion.Of(window, i => correct[i]).Mcc, drawn.StandardDeviation(), drawn.Quantile(0.025), drawn.Quantile(0.975));
    }
}
