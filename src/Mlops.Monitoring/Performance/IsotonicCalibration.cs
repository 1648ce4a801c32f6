namespace Mlops.Monitoring.Performance;

/// <summary>
/// A monotone map from a model's score to the probability that the outcome it scores happens, fitted on labelled data
/// by isotonic regression (pool adjacent violators), as scikit-learn's <c>IsotonicRegression(out_of_bounds="clip")</c>
/// fits and applies it: tied scores are averaged first (as there, scores less than <see cref="TieResolution"/> above the
/// lowest of a tie count as tied), the fit is linear between the kept points and flat beyond them.
/// Isotonic rather than temperature scaling because only the winning probability reaches monitoring (no logits), and
/// because it corrects any monotone miscalibration, not only one a single temperature can describe; NannyML calibrates
/// the predicted-positive probability the same way.
/// </summary>
public sealed record IsotonicCalibration(IReadOnlyList<double> Scores, IReadOnlyList<double> Probabilities)
{
    /// <summary>scikit-learn's tie width: float64's decimal resolution, <c>numpy.finfo(float64).resolution</c>.</summary>
    private const double TieResolution = 1e-15;

    /// <summary>The least-squares non-decreasing fit of <paramref name="outcomes"/> (1 happened, 0 not) on <paramref name="scores"/>.</summary>
    public static IsotonicCalibration Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> outcomes)
    {
        if (scores.Count == 0 || scores.Count != outcomes.Count)
            throw new ArgumentException($"Calibration needs as many outcomes as scores, at least one ({scores.Count} scores, {outcomes.Count} outcomes).", nameof(outcomes));
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var x = new List<double>();
        var sums = new List<double>();
        var weights = new List<double>();
        foreach (var i in order)
        {
            if (x.Count == 0 || scores[i] - x[^1] >= TieResolution)
            {
                x.Add(scores[i]);
                sums.Add(0);
                weights.Add(0);
            }
            sums[^1] += outcomes[i] ? 1 : 0;
            weights[^1]++;
        }
        var fitted = PoolAdjacentViolators(sums, weights);
        var kept = Enumerable.Range(0, x.Count)
            .Where(i => i == 0 || i == x.Count - 1 || fitted[i] != fitted[i - 1] || fitted[i] != fitted[i + 1]).ToArray();
        return new IsotonicCalibration([.. kept.Select(i => x[i])], [.. kept.Select(i => fitted[i])]);
    }

    /// <summary>The calibrated probability of <paramref name="score"/>: interpolated between the fitted points, clipped to the end ones outside them.</summary>
    public double Apply(double score)
    {
        if (score <= Scores[0]) return Probabilities[0];
        if (score >= Scores[^1]) return Probabilities[^1];
        int low = 0, high = Scores.Count - 1;
        while (high - low > 1)
        {
            var middle = (low + high) / 2;
            if (Scores[middle] <= score) low = middle;
            else high = middle;
        }
        var share = (score - Scores[low]) / (Scores[high] - Scores[low]);
        return Probabilities[low] + share * (Probabilities[high] - Probabilities[low]);
    }

    /// <summary>Each point's fitted value: blocks of weighted means, merged while a block's mean exceeds the next one's.</summary>
    private static double[] PoolAdjacentViolators(IReadOnlyList<double> sums, IReadOnlyList<double> weights)
    {
        var blocks = new List<(double Sum, double Weight, int Points)>();
        for (var i = 0; i < sums.Count; i++)
        {
            blocks.Add((sums[i], weights[i], 1));
            while (blocks.Count > 1 && blocks[^2].Sum / blocks[^2].Weight > blocks[^1].Sum / blocks[^1].Weight)
            {
                var (last, previous) = (blocks[^1], blocks[^2]);
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = (previous.Sum + last.Sum, previous.Weight + last.Weight, previous.Points + last.Points);
            }
        }
        return [.. blocks.SelectMany(b => Enumerable.Repeat(b.Sum / b.Weight, b.Points))];
    }
}
