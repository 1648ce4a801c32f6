namespace Mlops.Monitoring.Drift;

/// <summary>
/// Histogram bins for the population stability index: the cut points between bins (deciles of the reference, so each
/// reference bin holds about a tenth of it) and the reference's count per bin. A value equal to a cut point falls in the
/// bin above it, as <c>numpy.digitize</c> places it.
/// </summary>
public sealed record Bins(IReadOnlyList<double> Cuts, IReadOnlyList<double> Counts)
{
    /// <summary>Cut points at the reference's quantiles (duplicates dropped, so a discrete value is not split), and its counts.</summary>
    public static Bins FromQuantiles(IReadOnlyList<double> sample, int bins)
    {
        var sorted = sample.Order().ToArray();
        var cuts = new List<double>();
        for (var i = 1; i < bins && sorted.Length > 0; i++)
        {
            var cut = sorted[(int)Math.Min(sorted.Length - 1, Math.Round(i * (sorted.Length - 1) / (double)bins))];
            if (cut > sorted[0] && (cuts.Count == 0 || cut > cuts[^1])) cuts.Add(cut);
        }
        return new Bins(cuts, Count(cuts, sorted));
    }

    /// <summary>How many of <paramref name="values"/> fall in each of these bins.</summary>
    public double[] CountOf(IEnumerable<double> values) => Count(Cuts, values);

    private static double[] Count(IReadOnlyList<double> cuts, IEnumerable<double> values)
    {
        var counts = new double[cuts.Count + 1];
        foreach (var value in values)
        {
            var index = BinarySearch(cuts, value);
            counts[index]++;
        }
        return counts;
    }

    /// <summary>The number of cut points at or below <paramref name="value"/>: its bin.</summary>
    private static int BinarySearch(IReadOnlyList<double> cuts, double value)
    {
        int low = 0, high = cuts.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (cuts[middle] <= value) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
