namespace Mlops.Bench.Benchmarks;

/// <summary>The summary statistics benchmarks report over their repeats.</summary>
public static class Statistics
{
    /// <summary>The middle value, or the mean of the two middle ones for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The value at quantile <paramref name="q"/> of <paramref name="sorted"/> (ascending), by rank: the item at n × q, or the last.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];
}
