using System.Globalization;
using Mlops.Monitoring.Statistics;

namespace Mlops.Monitoring.Tests;

/// <summary>
/// The drift statistics against SciPy (Debian's python3-scipy) on the same inputs: <c>ks_2samp</c> and
/// <c>kstwobign</c> for Kolmogorov-Smirnov, <c>chisquare</c> for the label mix, and the symmetric
/// <c>entropy</c> (KL both ways), which is what the population stability index is.
/// </summary>
public sealed class StatisticsAgainstScipyTests
{
    private const string Script = """
        import json, sys
        import numpy as np
        from scipy import stats
        case = json.load(open(sys.argv[1]))
        a, b = np.array(case["a"]), np.array(case["b"])
        ks = stats.ks_2samp(a, b)
        en = len(a) * len(b) / (len(a) + len(b))
        ref, live = np.array(case["ref"], float), np.array(case["live"], float)
        chi = stats.chisquare(live, ref / ref.sum() * live.sum())
        print(json.dumps({"d": ks.statistic, "p_ks_2samp": ks.pvalue, "p_limit": stats.kstwobign.sf(np.sqrt(en) * ks.statistic),
                          "chi2": chi.statistic, "p_chi2": chi.pvalue, "psi": stats.entropy(live, ref) + stats.entropy(ref, live)}))
        """;

    public static TheoryData<int, int, double, double> Cases => new()
    {
        { 300, 500, 0.0, 1.0 },  // same distribution
        { 400, 400, 0.15, 1.0 }, // a small shift
        { 1000, 250, 0.5, 1.3 }, // shifted and wider
        { 60, 90, 1.0, 1.0 },    // a large shift on small windows
    };

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void The_statistics_match_scipy_on_the_same_inputs(int n, int m, double shift, double scale)
    {
        Prerequisite.Require(SystemPython.Has("scipy"), "SciPy is not installed",
            "`apt-get install -y python3-scipy` (which .ci/run does) enables this test.");
        var random = new Random(n * 31 + m);
        var a = Normal(random, n, 0, 1);
        var b = Normal(random, m, shift, scale);
        double[] reference = [120, 300, 80, 1 + n % 7];
        double[] live = [40 + (int)(shift * 30), 90, 30, 5];
        var scipy = SystemPython.Compute(Script, new Dictionary<string, double[]> { ["a"] = a, ["b"] = b, ["ref"] = reference, ["live"] = live });
        double Value(string name) => scipy.GetProperty(name).GetDouble();

        var ks = KolmogorovSmirnov.TwoSample(a, b);
        Assert.Equal(Value("d"), ks.Statistic, 12);
        Assert.Equal(Value("p_limit"), ks.PValue, 9);
        var chi = ChiSquare.GoodnessOfFit(reference, live);
        Assert.Equal(Value("chi2"), chi.Statistic, 6);
        Assert.Equal(Value("p_chi2"), chi.PValue, 9);
        Assert.Equal(Value("psi"), PopulationStability.Index(reference, live), 9);
        // ks_2samp's own p-value (exact for small windows, kstwo otherwise) is close to the limiting one we use.
        Assert.InRange(ks.PValue - Value("p_ks_2samp"), -0.05, 0.05);
    }

    private static double[] Normal(Random random, int count, double mean, double scale) =>
        [.. Enumerable.Range(0, count).Select(_ => mean + scale * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))];
}
