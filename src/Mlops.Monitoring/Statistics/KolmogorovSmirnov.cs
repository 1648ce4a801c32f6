namespace Mlops.Monitoring.Statistics;

/// <summary>
/// The two-sample Kolmogorov-Smirnov test: D, the largest distance between the two empirical CDFs (also the effect
/// size: the largest share of either sample that would have to move), and its two-sided p-value from Kolmogorov's
/// limiting distribution at sqrt(n m / (n + m)) D - SciPy's <c>kstwobign.sf</c>; <c>ks_2samp</c> gives the same D and,
/// for the window sizes monitoring uses, a p-value within a few percent of it.
/// </summary>
public static class KolmogorovSmirnov
{
    public readonly record struct Result(double Statistic, double PValue);

    /// <summary>Tests two samples in any order; sorted copies are compared, the inputs stay as they are.</summary>
    public static Result TwoSample(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        if (first.Count == 0 || second.Count == 0) return new Result(double.NaN, double.NaN);
        var a = first.Order().ToArray();
        var b = second.Order().ToArray();
        var d = Statistic(a, b);
        var effective = (double)a.Length * b.Length / (a.Length + b.Length);
        return new Result(d, LimitingSurvival(Math.Sqrt(effective) * d));
    }

    /// <summary>sup |F_a(x) - F_b(x)| over both sorted samples, ties stepped together as in SciPy.</summary>
    private static double Statistic(double[] a, double[] b)
    {
        int i = 0, j = 0;
        var d = 0.0;
        while (i < a.Length && j < b.Length)
        {
            var x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x) i++;
            while (j < b.Length && b[j] <= x) j++;
            d = Math.Max(d, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        return d;
    }

    /// <summary>Kolmogorov's Q(z) = 2 sum_k (-1)^(k-1) exp(-2 k^2 z^2), the survival function of the limiting distribution.</summary>
    public static double LimitingSurvival(double z)
    {
        if (z <= 0) return 1;
        if (z < 0.27) return 1; // 1 - 1e-12 and closer: the series converges slowly here and the answer is 1
        var sum = 0.0;
        for (var k = 1; k <= 100; k++)
        {
            var term = Math.Exp(-2.0 * k * k * z * z);
            sum += k % 2 == 1 ? term : -term;
            if (term < 1e-16) break;
        }
        return Math.Clamp(2 * sum, 0, 1);
    }
}
