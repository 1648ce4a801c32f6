using Mlops.Monitoring.Drift;

namespace Mlops.Monitoring.Performance;

/// <summary>
/// A two-label confusion matrix whose cells may be fractional: each prediction of label 1 adds its rightness (1 or 0
/// with a true label, a calibrated probability without one) to the true positives and the rest to the false positives,
/// each prediction of label 0 likewise to the true and false negatives. With probabilities it is the expected matrix.
/// </summary>
public readonly record struct ExpectedConfusion(double TruePositives, double FalsePositives, double FalseNegatives, double TrueNegatives)
{
    public static ExpectedConfusion Of(IReadOnlyList<PredictionObservation> predictions, Func<int, double> rightness)
    {
        double truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0;
        for (var i = 0; i < predictions.Count; i++)
        {
            var right = rightness(i);
            if (predictions[i].LabelIndex == 1) (truePositives, falsePositives) = (truePositives + right, falsePositives + 1 - right);
            else (trueNegatives, falseNegatives) = (trueNegatives + right, falseNegatives + 1 - right);
        }
        return new ExpectedConfusion(truePositives, falsePositives, falseNegatives, trueNegatives);
    }

    /// <summary>The Matthews correlation coefficient; 0 when a row or column is empty (scikit-learn's convention, as <c>Mlops.Metrics</c> has it).</summary>
    public double Mcc
    {
        get
        {
            var denominator = Math.Sqrt((TruePositives + FalsePositives) * (TruePositives + FalseNegatives) * (TrueNegatives + FalsePositives) * (TrueNegatives + FalseNegatives));
            return denominator == 0 ? 0 : Math.Clamp((TruePositives * TrueNegatives - FalsePositives * FalseNegatives) / denominator, -1, 1);
        }
    }
}
