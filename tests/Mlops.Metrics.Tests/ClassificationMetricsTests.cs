namespace Mlops.Metrics.Tests;

public class ClassificationMetricsTests
{
    private const int Precision = 12;

    /// <summary>Fills a matrix from counts[actual][predicted].</summary>
    private static ConfusionMatrix Matrix(int[][] counts)
    {
        var matrix = new ConfusionMatrix(counts.Length);
        for (var a = 0; a < counts.Length; a++)
        {
            for (var p = 0; p < counts[a].Length; p++)
            {
                for (var n = 0; n < counts[a][p]; n++)
                {
                    matrix.Add(a, p);
                }
            }
        }

        return matrix;
    }

    [Fact]
    public void Binary_example_matches_hand_computed_values()
    {
        // Positive class 1: TP=5, FN=2, FP=1, TN=4 (rows actual, columns predicted).
        var metrics = Matrix([[4, 1], [2, 5]]).Compute();

        Assert.Equal(12, metrics.Count);
        // (TP + TN) / N = 9 / 12.
        Assert.Equal(0.75, metrics.Accuracy, Precision);
        // Class 1: P = 5/6, R = 5/7, F1 = 2TP/(2TP+FP+FN) = 10/13.
        // Class 0: P = 4/6, R = 4/5, F1 = 8/(8+2+1) = 8/11.
        Assert.Equal(5.0 / 6, metrics.PrecisionPerClass[1], Precision);
        Assert.Equal(5.0 / 7, metrics.RecallPerClass[1], Precision);
        Assert.Equal(10.0 / 13, metrics.F1PerClass[1], Precision);
        Assert.Equal(4.0 / 6, metrics.PrecisionPerClass[0], Precision);
        Assert.Equal(4.0 / 5, metrics.RecallPerClass[0], Precision);
        Assert.Equal(8.0 / 11, metrics.F1PerClass[0], Precision);
        // Macro: P = (5/6 + 4/6)/2 = 3/4; R = (5/7 + 4/5)/2 = 53/70; F1 = (10/13 + 8/11)/2 = 107/143.
        Assert.Equal(0.75, metrics.PrecisionMacro, Precision);
        Assert.Equal(53.0 / 70, metrics.RecallMacro, Precision);
        Assert.Equal(107.0 / 143, metrics.F1Macro, Precision);
        // MCC = (TP*TN - FP*FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN))
        //     = (20 - 2) / sqrt(6*7*5*6) = 18 / sqrt(1260) ≈ 0.507093.
        Assert.Equal(18 / Math.Sqrt(1260), metrics.Mcc, Precision);
        Assert.Equal(0.507093, metrics.Mcc, 6);
    }

    [Fact]
    public void Perfect_prediction_has_mcc_one()
    {
        // Diagonal only: c*s - sum(p_k t_k) = s^2 - sum(t_k^2), which is the square root of the denominator.
        var metrics = Matrix([[3, 0, 0], [0, 2, 0], [0, 0, 4]]).Compute();

        Assert.Equal(1.0, metrics.Mcc, Precision);
        Assert.Equal(1.0, metrics.Accuracy, Precision);
        Assert.Equal(1.0, metrics.F1Macro, Precision);
    }

    [Fact]
    public void Inverted_binary_prediction_has_mcc_minus_one()
    {
        // TP = TN = 0, FP = 3, FN = 4: (0 - 3*4) / sqrt(3*4*3*4) = -12 / 12 = -1.
        var metrics = Matrix([[0, 3], [4, 0]]).Compute();

        Assert.Equal(-1.0, metrics.Mcc, Precision);
        Assert.Equal(0.0, metrics.Accuracy, Precision);
        Assert.Equal(0.0, metrics.F1Macro, Precision);
    }

    [Fact]
    public void Predicting_only_the_majority_class_gives_mcc_zero_and_majority_accuracy()
    {
        // CoLA-like: 689 acceptable (1) and 311 unacceptable (0) sentences, all predicted acceptable.
        var metrics = Matrix([[0, 311], [0, 689]]).Compute();

        // Accuracy = majority share 689/1000.
        Assert.Equal(0.689, metrics.Accuracy, Precision);
        // One predicted class: s^2 - sum(p_k^2) = 1000^2 - 1000^2 = 0, so MCC is 0 (sklearn).
        Assert.Equal(0.0, metrics.Mcc);
        // Class 0 has no predictions: precision 0 (zero_division=0), recall 0/311, F1 0.
        Assert.Equal(0.0, metrics.PrecisionPerClass[0]);
        Assert.Equal(0.0, metrics.RecallPerClass[0]);
        Assert.Equal(0.0, metrics.F1PerClass[0]);
        // Class 1: P = 689/1000, R = 1, F1 = 2*689/(2*689 + 311) = 1378/1689.
        Assert.Equal(0.689, metrics.PrecisionPerClass[1], Precision);
        Assert.Equal(1.0, metrics.RecallPerClass[1], Precision);
        // Macro: P = 0.689/2 = 0.3445; R = 1/2; F1 = (1378/1689)/2 = 689/1689.
        Assert.Equal(0.3445, metrics.PrecisionMacro, Precision);
        Assert.Equal(0.5, metrics.RecallMacro, Precision);
        Assert.Equal(689.0 / 1689, metrics.F1Macro, Precision);
    }

    [Fact]
    public void Empty_matrix_gives_zeros_not_nan()
    {
        var metrics = new ConfusionMatrix(3).Compute();

        Assert.Equal(0, metrics.Count);
        var all = new[]
        {
            metrics.Accuracy, metrics.PrecisionMacro, metrics.RecallMacro, metrics.F1Macro,
            metrics.PrecisionMicro, metrics.RecallMicro, metrics.F1Micro, metrics.Mcc,
        }.Concat(metrics.PrecisionPerClass).Concat(metrics.RecallPerClass).Concat(metrics.F1PerClass);
        Assert.All(all, value => Assert.Equal(0.0, value));
        Assert.All(metrics.ToDictionary("val_").Values, value => Assert.Equal(0.0, value));
    }

    [Fact]
    public void Only_one_class_in_actuals_gives_mcc_zero_and_zero_for_the_absent_class()
    {
        // Four samples, all actual 0; predicted 0, 0, 0, 1.
        var metrics = Matrix([[3, 1], [0, 0]]).Compute();

        // Accuracy 3/4.
        Assert.Equal(0.75, metrics.Accuracy, Precision);
        // One actual class: s^2 - sum(t_k^2) = 16 - 16 = 0, so MCC is 0.
        Assert.Equal(0.0, metrics.Mcc);
        // Class 0: P = 3/3, R = 3/4, F1 = 6/(6+0+1) = 6/7.
        Assert.Equal(1.0, metrics.PrecisionPerClass[0], Precision);
        Assert.Equal(0.75, metrics.RecallPerClass[0], Precision);
        Assert.Equal(6.0 / 7, metrics.F1PerClass[0], Precision);
        // Class 1: one wrong prediction -> P = 0/1; no actual samples -> R = 0 (zero_division=0); F1 = 0.
        Assert.Equal(0.0, metrics.PrecisionPerClass[1]);
        Assert.Equal(0.0, metrics.RecallPerClass[1]);
        Assert.Equal(0.0, metrics.F1PerClass[1]);
        // Macro over both classes: P = 1/2, R = 3/8, F1 = (6/7)/2 = 3/7.
        Assert.Equal(0.5, metrics.PrecisionMacro, Precision);
        Assert.Equal(0.375, metrics.RecallMacro, Precision);
        Assert.Equal(3.0 / 7, metrics.F1Macro, Precision);
    }

    [Fact]
    public void Only_one_class_everywhere_and_all_correct_still_gives_mcc_zero()
    {
        // sklearn's matthews_corrcoef([0,0], [0,0]) is 0: both denominator factors are 0.
        var metrics = Matrix([[2, 0], [0, 0]]).Compute();

        Assert.Equal(1.0, metrics.Accuracy, Precision);
        Assert.Equal(0.0, metrics.Mcc);
    }

    [Fact]
    public void Absent_class_counts_in_the_macro_average()
    {
        // Three classes, class 2 never appears: classes 0 and 1 are perfect (P = R = F1 = 1), class 2 is 0.
        var metrics = Matrix([[2, 0, 0], [0, 2, 0], [0, 0, 0]]).Compute();

        // Macro averages over all 3 classes: (1 + 1 + 0) / 3 = 2/3.
        Assert.Equal(2.0 / 3, metrics.PrecisionMacro, Precision);
        Assert.Equal(2.0 / 3, metrics.RecallMacro, Precision);
        Assert.Equal(2.0 / 3, metrics.F1Macro, Precision);
        Assert.Equal(1.0, metrics.Accuracy, Precision);
    }

    [Fact]
    public void Three_class_example_macro_micro_and_mcc()
    {
        // Rows actual, columns predicted:
        //   [3 1 0]   row sums t = (4, 4, 7), column sums p = (4, 5, 6), N = 15, correct c = 3+2+5 = 10.
        //   [1 2 1]
        //   [0 2 5]
        var metrics = Matrix([[3, 1, 0], [1, 2, 1], [0, 2, 5]]).Compute();

        Assert.Equal(15, metrics.Count);
        Assert.Equal(10.0 / 15, metrics.Accuracy, Precision);
        // Single-label: every error is one FP and one FN, so micro P = micro R = micro F1 = accuracy = 2/3.
        Assert.Equal(2.0 / 3, metrics.PrecisionMicro, Precision);
        Assert.Equal(2.0 / 3, metrics.RecallMicro, Precision);
        Assert.Equal(2.0 / 3, metrics.F1Micro, Precision);
        // Per class: P = (3/4, 2/5, 5/6), R = (3/4, 2/4, 5/7),
        // F1 = 2TP/(2TP+FP+FN) = (6/8, 4/9, 10/13).
        Assert.Equal(new[] { 3.0 / 4, 2.0 / 5, 5.0 / 6 }, metrics.PrecisionPerClass.ToArray(), new Tolerance());
        Assert.Equal(new[] { 3.0 / 4, 2.0 / 4, 5.0 / 7 }, metrics.RecallPerClass.ToArray(), new Tolerance());
        Assert.Equal(new[] { 6.0 / 8, 4.0 / 9, 10.0 / 13 }, metrics.F1PerClass.ToArray(), new Tolerance());
        // Macro P = (45 + 24 + 50)/60 / 3 = 119/180 ≈ 0.6611 (differs from micro 0.6667).
        Assert.Equal(119.0 / 180, metrics.PrecisionMacro, Precision);
        // Macro R = (21 + 14 + 20)/28 / 3 = 55/84 ≈ 0.6548.
        Assert.Equal(55.0 / 84, metrics.RecallMacro, Precision);
        // Macro F1 = (351 + 208 + 360)/468 / 3 = 919/1404 ≈ 0.6546.
        Assert.Equal(919.0 / 1404, metrics.F1Macro, Precision);
        // Gorodkin R_K: numerator c*N - sum(p_k t_k) = 150 - (16 + 20 + 42) = 72;
        // N^2 - sum(p_k^2) = 225 - 77 = 148; N^2 - sum(t_k^2) = 225 - 81 = 144;
        // MCC = 72 / sqrt(148 * 144) = 6 / sqrt(148) ≈ 0.493197.
        Assert.Equal(6 / Math.Sqrt(148), metrics.Mcc, Precision);
        Assert.Equal(0.493197, metrics.Mcc, 6);
    }

    [Fact]
    public void ToDictionary_uses_prefixed_snake_case_keys()
    {
        var metrics = Matrix([[4, 1], [2, 5]]).Compute();

        var dictionary = metrics.ToDictionary("val_");

        Assert.Equal(
            new[]
            {
                "val_accuracy", "val_f1_macro", "val_f1_micro", "val_f1_weighted", "val_mcc",
                "val_precision_macro", "val_precision_micro", "val_precision_weighted",
                "val_recall_macro", "val_recall_micro", "val_recall_weighted",
            },
            dictionary.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(metrics.Accuracy, dictionary["val_accuracy"]);
        Assert.Equal(metrics.Mcc, dictionary["val_mcc"]);
        Assert.Equal(metrics.F1Macro, dictionary["val_f1_macro"]);
        Assert.Equal(metrics.F1Micro, dictionary["val_f1_micro"]);
        Assert.Equal(metrics.PrecisionMacro, dictionary["val_precision_macro"]);
        Assert.Equal(metrics.RecallMacro, dictionary["val_recall_macro"]);
        Assert.Equal(metrics.PrecisionMicro, dictionary["val_precision_micro"]);
        Assert.Equal(metrics.RecallMicro, dictionary["val_recall_micro"]);
        Assert.Equal(metrics.F1Weighted, dictionary["val_f1_weighted"]);
        Assert.Equal(ClassificationMetrics.Names.Order(StringComparer.Ordinal), metrics.ToDictionary(string.Empty).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Weighted_averages_weight_each_class_by_its_support()
    {
        // Supports 4, 4, 2 (row sums); predictions per class 4, 3, 3 (column sums).
        var metrics = Matrix([[3, 1, 0], [1, 2, 1], [0, 0, 2]]).Compute();

        Assert.Equal([4, 4, 2], metrics.SupportPerClass);
        // Precision 3/4, 2/3, 2/3: (4*3/4 + 4*2/3 + 2*2/3) / 10 = 7/10.
        Assert.Equal(0.7, metrics.PrecisionWeighted, Precision);
        // Recall 3/4, 1/2, 1: (3 + 2 + 2) / 10, which is the accuracy, as for any single-label matrix.
        Assert.Equal(0.7, metrics.RecallWeighted, Precision);
        Assert.Equal(metrics.Accuracy, metrics.RecallWeighted, Precision);
        // F1 3/4, 4/7, 4/5: (3 + 16/7 + 8/5) / 10 = 241/350; the macro mean (3/4 + 4/7 + 4/5) / 3 differs.
        Assert.Equal(241.0 / 350, metrics.F1Weighted, Precision);
        Assert.NotEqual(metrics.F1Macro, metrics.F1Weighted, Precision);
    }

    [Fact]
    public void A_class_with_no_support_counts_in_the_macro_average_but_not_the_weighted_one()
    {
        // Class 2 is neither present nor predicted: macro F1 averages its 0, weighted F1 gives it weight 0.
        var metrics = Matrix([[2, 1, 0], [0, 3, 0], [0, 0, 0]]).Compute();

        // F1 of class 0: 4/5; of class 1: 2*3/(6+1) = 6/7.
        Assert.Equal((4.0 / 5 + 6.0 / 7) / 3, metrics.F1Macro, Precision);
        Assert.Equal((4.0 / 5 + 6.0 / 7) / 2, metrics.F1Weighted, Precision);
        Assert.Equal(0, Matrix([[0, 0], [0, 0]]).Compute().F1Weighted);
    }

    [Fact]
    public void From_matches_Compute()
    {
        var matrix = Matrix([[4, 1], [2, 5]]);

        Assert.Equal(matrix.Compute().Mcc, ClassificationMetrics.From(matrix).Mcc);
    }

    private sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-12;

        public int GetHashCode(double obj) => 0;
    }
}
