using MathNet.Numerics;

namespace Mlops.Monitoring.Statistics;

/// <summary>
/// Pearson's chi-square goodness-of-fit test of live category counts against the reference proportions (SciPy's
/// <c>chisquare(f_obs, f_exp)</c>, with the expected counts scaled to the live total), and Cohen's w, sqrt(chi2 / n),
/// its effect size: it does not grow with the window as the statistic does (0.1 small, 0.3 medium, 0.5 large).
/// </summary>
public static class ChiSquare
{
    public readonly record struct Result(double Statistic, double PValue, double Effect);

    public static Result GoodnessOfFit(IReadOnlyList<double> referenceCounts, IReadOnlyList<double> liveCounts)
    {
        if (referenceCounts.Count != liveCounts.Count)
            throw new ArgumentException($"The reference has {referenceCounts.Count} categories, the live window {liveCounts.Count}.");
        var (referenceTotal, liveTotal) = (referenceCounts.Sum(), liveCounts.Sum());
        if (referenceTotal <= 0 || liveTotal <= 0 || referenceCounts.Count < 2) return new Result(double.NaN, double.NaN, double.NaN);
        var statistic = 0.0;
        for (var i = 0; i < referenceCounts.Count; i++)
        {
            // A category the reference never saw is floored, as PSI's bins are: seeing it live is drift, not a division by zero.
            var expected = Math.Max(referenceCounts[i] / referenceTotal, PopulationStability.Floor) * liveTotal;
            statistic += (liveCounts[i] - expected) * (liveCounts[i] - expected) / expected;
        }
        var freedom = referenceCounts.Count - 1;
        return new Result(statistic, SpecialFunctions.GammaUpperRegularized(freedom / 2.0, statistic / 2.0), Math.Sqrt(statistic / liveTotal));
    }
}
