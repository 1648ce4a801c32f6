namespace Mlops.Metrics;

/// <summary>
/// Single-label classification metrics derived from a <see cref="ConfusionMatrix"/>, defined like
/// scikit-learn with <c>zero_division=0</c>: a ratio whose denominator is 0 is 0, never NaN, and an
/// empty matrix gives all zeros. Macro averages are taken over all <see cref="ConfusionMatrix.NumClasses"/>
/// classes (sklearn with <c>labels=range(NumClasses)</c>), so a class absent from both actuals and
/// predictions counts with precision, recall and F1 of 0; weighted averages weight each class by its support (sklearn's
/// <c>average='weighted'</c>), so an absent class counts for nothing there. <see cref="Mcc"/> is Gorodkin's multiclass R_K,
/// which equals the binary Matthews formula for two classes, and is 0 when its denominator is 0.
/// </summary>
public sealed record ClassificationMetrics
{
    /// <summary>Number of samples the metrics were computed from.</summary>
    public required int Count { get; init; }

    public required double Accuracy { get; init; }

    public required double PrecisionMacro { get; init; }

    public required double RecallMacro { get; init; }

    /// <summary>Mean of the per-class F1 scores (sklearn's definition, not the F1 of macro precision and recall).</summary>
    public required double F1Macro { get; init; }

    /// <summary>Per-class precision averaged with each class weighted by its support (how many samples truly are of it).</summary>
    public required double PrecisionWeighted { get; init; }

    /// <summary>Support-weighted recall; equals <see cref="Accuracy"/> for single-label classification, as in sklearn.</summary>
    public required double RecallWeighted { get; init; }

    /// <summary>Per-class F1 averaged with each class weighted by its support: what a skewed many-class dataset is usually reported with.</summary>
    public required double F1Weighted { get; init; }

    /// <summary>Equals <see cref="Accuracy"/> for single-label classification.</summary>
    public required double PrecisionMicro { get; init; }

    /// <summary>Equals <see cref="Accuracy"/> for single-label classification.</summary>
    public required double RecallMicro { get; init; }

    /// <summary>Equals <see cref="Accuracy"/> for single-label classification.</summary>
    public required double F1Micro { get; init; }

    /// <summary>Matthews correlation coefficient in [-1, 1]; 0 when only one class is predicted or present.</summary>
    public required double Mcc { get; init; }

    /// <summary>Precision of each class, indexed by class. Record equality compares these lists by reference.</summary>
    public required IReadOnlyList<double> PrecisionPerClass { get; init; }

    public required IReadOnlyList<double> RecallPerClass { get; init; }

    public required IReadOnlyList<double> F1PerClass { get; init; }

    /// <summary>How many samples truly are of each class (the confusion matrix's row sums), indexed by class.</summary>
    public required IReadOnlyList<int> SupportPerClass { get; init; }

    /// <summary>The keys <see cref="ToDictionary"/> writes, without a prefix: what a logger or a monitored metric can name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. From(new ConfusionMatrix(2)).Scalars().Select(s => s.Name)];

    public static ClassificationMetrics From(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var k = matrix.NumClasses;
        var counts = matrix.ToArray();

        // Row sums: samples per actual class; column sums: predictions per class.
        var actualTotals = new double[k];
        var predictedTotals = new double[k];
        double correct = 0;
        for (var a = 0; a < k; a++)
        {
            for (var p = 0; p < k; p++)
            {
                actualTotals[a] += counts[a, p];
                predictedTotals[p] += counts[a, p];
            }

            correct += counts[a, a];
        }

        var precision = new double[k];
        var recall = new double[k];
        var f1 = new double[k];
        for (var c = 0; c < k; c++)
        {
            double tp = counts[c, c];
            var fp = predictedTotals[c] - tp;
            var fn = actualTotals[c] - tp;
            precision[c] = Divide(tp, tp + fp);
            recall[c] = Divide(tp, tp + fn);
            f1[c] = Divide(2 * tp, (2 * tp) + fp + fn);
        }

        double total = matrix.Total;
        var accuracy = Divide(correct, total);
        return new ClassificationMetrics
        {
            Count = matrix.Total,
            Accuracy = accuracy,
            PrecisionMacro = precision.Average(),
            RecallMacro = recall.Average(),
            F1Macro = f1.Average(),
            PrecisionWeighted = Weighted(precision, actualTotals, total),
            RecallWeighted = Weighted(recall, actualTotals, total),
            F1Weighted = Weighted(f1, actualTotals, total),
            PrecisionMicro = accuracy,
            RecallMicro = accuracy,
            F1Micro = accuracy,
            Mcc = Matthews(correct, total, actualTotals, predictedTotals),
            PrecisionPerClass = precision,
            RecallPerClass = recall,
            F1PerClass = f1,
            SupportPerClass = [.. actualTotals.Select(t => (int)t)],
        };
    }

    /// <summary>
    /// The scalar metrics under stable snake_case keys for loggers, e.g. <c>val_accuracy</c>, <c>val_mcc</c>,
    /// <c>val_f1_macro</c>, <c>val_f1_weighted</c>, with <paramref name="prefix"/> (such as <c>"val_"</c>) in front of each.
    /// </summary>
    public IReadOnlyDictionary<string, double> ToDictionary(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return Scalars().ToDictionary(s => prefix + s.Name, s => s.Value);
    }

    private IEnumerable<(string Name, double Value)> Scalars() =>
    [
        ("accuracy", Accuracy),
        ("mcc", Mcc),
        ("f1_macro", F1Macro),
        ("f1_micro", F1Micro),
        ("f1_weighted", F1Weighted),
        ("precision_macro", PrecisionMacro),
        ("recall_macro", RecallMacro),
        ("precision_micro", PrecisionMicro),
        ("recall_micro", RecallMicro),
        ("precision_weighted", PrecisionWeighted),
        ("recall_weighted", RecallWeighted),
    ];

    /// <summary>The mean of <paramref name="perClass"/> weighted by each class's support; 0 for no samples.</summary>
    private static double Weighted(double[] perClass, double[] support, double total) =>
        Divide(perClass.Select((value, c) => value * support[c]).Sum(), total);

    // Gorodkin (2004): R_K = (c*s - sum_k p_k*t_k) / sqrt((s^2 - sum_k p_k^2) * (s^2 - sum_k t_k^2)),
    // with c correct, s total, t_k actual and p_k predicted counts of class k. Doubles avoid int overflow.
    private static double Matthews(double correct, double total, double[] actualTotals, double[] predictedTotals)
    {
        double sumPt = 0, sumP2 = 0, sumT2 = 0;
        for (var c = 0; c < actualTotals.Length; c++)
        {
            sumPt += predictedTotals[c] * actualTotals[c];
            sumP2 += predictedTotals[c] * predictedTotals[c];
            sumT2 += actualTotals[c] * actualTotals[c];
        }

        var denominator = Math.Sqrt((total * total - sumP2) * (total * total - sumT2));
        // Clamp: rounding must not push a perfect (anti-)correlation past +-1.
        return denominator == 0 ? 0 : Math.Clamp(((correct * total) - sumPt) / denominator, -1, 1);
    }

    private static double Divide(double numerator, double denominator) =>
        denominator == 0 ? 0 : numerator / denominator;
}
