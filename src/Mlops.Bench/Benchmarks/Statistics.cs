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
}
