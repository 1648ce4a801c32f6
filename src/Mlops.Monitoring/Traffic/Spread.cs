using MathNet.Numerics.Statistics;

namespace Mlops.Monitoring.Traffic;

/// <summary>A distribution in five numbers: mean and the 10th, 50th, 90th and 99th percentiles.</summary>
public sealed record Spread(double Mean, double P10, double P50, double P90, double P99)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new Spread(sorted.Average(), SortedArrayStatistics.Quantile(sorted, 0.10), SortedArrayStatistics.Quantile(sorted, 0.5),
            SortedArrayStatistics.Quantile(sorted, 0.90), SortedArrayStatistics.Quantile(sorted, 0.99));
    }
}
