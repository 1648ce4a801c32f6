using Mlops.Monitoring.Statistics;

namespace Mlops.Monitoring.Tests;

public sealed class StatisticsTests
{
    [Fact]
    public void Identical_distributions_show_no_drift_by_any_statistic()
    {
        double[] counts = [30, 50, 20];
        Assert.Equal(0, PopulationStability.Index(counts, counts.Select(c => c * 3).ToArray()), 12);
        var chi = ChiSquare.GoodnessOfFit(counts, counts.Select(c => c * 2).ToArray());
        Assert.Equal(0, chi.Statistic, 12);
        Assert.Equal(1, chi.PValue, 12);
        var sample = Enumerable.Range(0, 200).Select(i => i / 7.0).ToArray();
        var ks = KolmogorovSmirnov.TwoSample(sample, sample.Reverse().ToArray());
        Assert.Equal(0, ks.Statistic);
        Assert.Equal(1, ks.PValue);
    }

    [Fact]
    public void Disjoint_samples_are_as_far_apart_as_two_samples_can_be()
    {
        var ks = KolmogorovSmirnov.TwoSample([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
        Assert.Equal(1, ks.Statistic);
        Assert.True(ks.PValue < 1e-3, $"p = {ks.PValue}");
    }

    [Fact]
    public void An_empty_bin_on_one_side_is_floored_not_infinite()
    {
        var psi = PopulationStability.Index([50, 50, 0], [40, 40, 20]);
        Assert.True(double.IsFinite(psi) && psi > 0.25, $"PSI {psi}");
        var chi = ChiSquare.GoodnessOfFit([50, 50, 0], [40, 40, 20]);
        Assert.True(double.IsFinite(chi.Statistic) && chi.PValue < 1e-6, $"chi2 {chi.Statistic}, p {chi.PValue}");
    }

    [Fact]
    public void Nothing_to_compare_is_not_a_number_rather_than_no_drift()
    {
        Assert.True(double.IsNaN(PopulationStability.Index([1, 2], [0, 0])));
        Assert.True(double.IsNaN(KolmogorovSmirnov.TwoSample([], [1.0]).Statistic));
        Assert.True(double.IsNaN(ChiSquare.GoodnessOfFit([3, 4], [0, 0]).PValue));
    }
}
