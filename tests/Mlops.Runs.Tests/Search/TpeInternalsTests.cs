using Mlops.Runs.Search;

namespace Mlops.Runs.Tests.Search;

/// <summary>The pieces of TPE against values worked out by hand or with mpmath at 30 digits.</summary>
public sealed class TpeInternalsTests
{
    [Theory]
    [InlineData(-30, -454.321243956343197)] // mpmath: log(ncdf(-30))
    [InlineData(0, -0.693147180559945309)]
    [InlineData(-5, -15.0649983939887257)] // mpmath: log(ncdf(-5))
    public void Log_of_the_normal_cdf_holds_far_into_the_tail(double a, double expected) =>
        Assert.Equal(expected, TruncatedNormal.LogNdtr(a), 1e-9 * Math.Abs(expected) + 1e-12);

    [Fact]
    public void The_mass_of_an_interval_is_right_in_the_middle_and_far_out_on_either_side()
    {
        Assert.Equal(Math.Log(0.682689492137085897), TruncatedNormal.LogGaussMass(-1, 1), 1e-12);
        Assert.Equal(-1254.83136113941990, TruncatedNormal.LogGaussMass(-51, -50), 1e-8); // mpmath: log(ncdf(-50) - ncdf(-51))
        Assert.Equal(-1254.83136113941990, TruncatedNormal.LogGaussMass(50, 51), 1e-8);
    }

    [Theory]
    [InlineData(0.5, -1, 1, 0)]
    [InlineData(0.5, 0, 100, 0.674489750196081743)] // the median of a half-normal is the normal's 75 % quantile
    [InlineData(0.25, -100, 0, -1.15034938037600817)] // 12.5 % quantile of the normal
    public void The_truncated_quantile_inverts_the_truncated_cdf(double q, double a, double b, double expected) =>
        Assert.Equal(expected, TruncatedNormal.Ppf(q, a, b), 1e-9);

    [Fact]
    public void A_truncated_density_integrates_to_one_whatever_its_width()
    {
        foreach (var sigma in new[] { 0.05, 1.0, 7.0 })
        {
            const int Cells = 20000;
            var integral = Enumerable.Range(0, Cells).Sum(i => Math.Exp(TruncatedNormal.LogPdf(-1 + 3.0 * (i + 0.5) / Cells, 0.3, sigma, -1, 2)) * 3.0 / Cells);
            Assert.Equal(1.0, integral, 1e-4);
        }
    }

    [Fact]
    public void Weights_are_equal_up_to_25_observations_then_ramp_up_for_the_older_ones()
    {
        var few = ParzenEstimator.ComponentWeights(3, priorWeight: 1.0);
        Assert.Equal([0.25, 0.25, 0.25, 0.25], few);
        // 27 observations: the two oldest ramp from 1/27 to 1, the newest 25 weigh 1, then the prior 1: a total of 27 + 1/27.
        var many = ParzenEstimator.ComponentWeights(27, priorWeight: 1.0);
        var total = 27 + 1.0 / 27;
        Assert.Equal(1.0 / 27 / total, many[0], 1e-15);
        Assert.Equal(1.0 / total, many[1], 1e-15);
        Assert.Equal(1.0 / total, many[^1], 1e-15);
    }

    [Fact]
    public void Each_width_is_the_larger_gap_to_a_neighbour_the_outermost_take_their_inner_gap_and_the_prior_the_range()
    {
        // Range [0, 10], observations 1, 2 and 6, the prior at 5: sorted 1, 2, 5, 6 between the ends 0 and 10.
        // 1: its inner gap 1 (not the gap of 1 to the end); 2: max(1, 3) = 3; 6: its inner gap 1 (not the 4 to the end);
        // clipped below at 10 / min(100, 1 + 4) = 2; the prior (5) gets the range, 10.
        var sigmas = NumericalKernels.Bandwidths([1, 2, 6, 5], 0, 10);
        Assert.Equal([2, 3, 2, 10], sigmas);
    }

    [Fact]
    public void Multivariate_widths_are_one_fraction_of_the_range_clipped_like_univariate_ones_and_the_prior_the_range()
    {
        Assert.Equal([5, 5, 10], NumericalKernels.CommonBandwidths(3, 0.5, 0, 10));
        // 0.1 of the range is under the clip of 10 / min(100, 1 + 3).
        Assert.Equal([2.5, 2.5, 10], NumericalKernels.CommonBandwidths(3, 0.1, 0, 10));
    }

    [Fact]
    public void A_joint_density_keeps_together_the_values_it_saw_together()
    {
        var float01 = new FloatDistribution(0, 1);
        var choice = new CategoricalDistribution(["off", "on"]);
        var joint = new ParzenEstimator([float01, choice], [[0.1, 0], [0.9, 1]], priorWeight: 1.0, multivariate: true);
        Assert.True(joint.LogPdf([0.1, 0]) > joint.LogPdf([0.1, 1]) + 0.3);
        Assert.True(joint.LogPdf([0.9, 1]) > joint.LogPdf([0.9, 0]) + 0.3);
        // Its draws pair the values the same way: about 2/3 of them (the prior's third pairs at random), against 1/2
        // for draws of each value on its own.
        var random = new Random(3);
        var draws = Enumerable.Range(0, 400).Select(_ => joint.Sample(random)).ToList();
        var paired = draws.Count(d => (d[0] < 0.5) == (d[1] == 0));
        Assert.True(paired > 0.6 * draws.Count, $"{paired} of {draws.Count} draws pair the values as observed");
    }

    [Fact]
    public void Complete_trials_rank_first_then_pruned_ones_by_how_far_they_got_and_running_ones_last()
    {
        static TrialRecord Trial(int number, TrialState state, double? value, params (int, double)[] steps) =>
            new(number, new Dictionary<string, double> { ["x"] = number }, state, value, steps);
        var trials = Enumerable.Range(0, 20).Select(i => Trial(i, TrialState.Complete, 10 + i)).ToList();
        trials.Add(Trial(20, TrialState.Pruned, null, (1, 0.5), (2, 0.1))); // pruned at step 2 with a better value than any complete trial
        trials.Add(Trial(21, TrialState.Running, null));
        trials.Add(Trial(22, TrialState.Failed, null));
        trials.Add(Trial(23, TrialState.Complete, 3));
        var split = RankedTrials.Split(trials, maximize: false, constantLiar: true);
        Assert.Equal(22, split.Finished);
        // gamma(22) = 3: the three best complete trials, in the order they started.
        Assert.Equal([0, 1, 23], split.Below.Select(t => t.Number));
        Assert.Contains(split.Above, t => t.Number == 20);
        Assert.Contains(split.Above, t => t.Number == 21);
        Assert.DoesNotContain(split.Above, t => t.Number == 22);

        var maximized = RankedTrials.Split(trials, maximize: true, constantLiar: false);
        Assert.Equal([17, 18, 19], maximized.Below.Select(t => t.Number));
        Assert.DoesNotContain(maximized.Above, t => t.Number == 21);
    }

    [Fact]
    public void Among_pruned_trials_the_one_that_got_further_ranks_higher()
    {
        var trials = new List<TrialRecord>
        {
            new(0, new Dictionary<string, double> { ["x"] = 0 }, TrialState.Pruned, null, [(1, 0.1)]),
            new(1, new Dictionary<string, double> { ["x"] = 1 }, TrialState.Pruned, null, [(1, 0.9), (3, 0.8)]),
        };
        var split = RankedTrials.Split([.. trials, .. Enumerable.Range(2, 8).Select(i => new TrialRecord(i, new Dictionary<string, double>(), TrialState.Pruned, null))], false, true);
        Assert.Equal([1], split.Below.Select(t => t.Number));
    }
}
