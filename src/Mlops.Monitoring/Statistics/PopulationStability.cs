namespace Mlops.Monitoring.Statistics;

/// <summary>
/// The population stability index between a reference distribution and a live one over the same bins:
/// sum of (live - reference) * ln(live / reference) over bin proportions. Empty bins are floored at
/// <see cref="Floor"/> so one empty bin cannot make the index infinite (the usual practice; SciPy has no PSI).
/// Read as: under 0.1 stable, 0.1-0.25 a moderate shift, over 0.25 a major one.
/// </summary>
public static class PopulationStability
{
    public const double Floor = 1e-4;

    public static double Index(IReadOnlyList<double> referenceCounts, IReadOnlyList<double> liveCounts)
    {
        if (referenceCounts.Count != liveCounts.Count)
            throw new ArgumentException($"The reference has {referenceCounts.Count} bins, the live window {liveCounts.Count}.");
        var (referenceTotal, liveTotal) = (referenceCounts.Sum(), liveCounts.Sum());
        if (referenceTotal <= 0 || liveTotal <= 0) return double.NaN;
        var index = 0.0;
        for (var i = 0; i < referenceCounts.Count; i++)
        {
            var expected = Math.Max(referenceCounts[i] / referenceTotal, Floor);
            var actual = Math.Max(liveCounts[i] / liveTotal, Floor);
            index += (actual - expected) * Math.Log(actual / expected);
        }
        return index;
    }
}
