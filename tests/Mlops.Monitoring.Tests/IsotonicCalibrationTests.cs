using Mlops.Monitoring.Performance;

namespace Mlops.Monitoring.Tests;

public sealed class IsotonicCalibrationTests
{
    [Fact]
    public void The_fit_pools_adjacent_violators_and_interpolates_between_the_kept_points()
    {
        // Outcomes 0 1 0 0 1 1: the 1 0 0 violates order and pools to 1/3; the middle point of that flat run is dropped.
        var fit = IsotonicCalibration.Fit([1, 2, 3, 4, 5, 6], [false, true, false, false, true, true]);
        Assert.Equal([1.0, 2, 4, 5, 6], fit.Scores);
        Assert.Equal([0, 1 / 3.0, 1 / 3.0, 1, 1], fit.Probabilities);
        Assert.Equal(1 / 3.0, fit.Apply(3), 12);
        Assert.Equal(2 / 3.0, fit.Apply(4.5), 12);
        Assert.Equal(0, fit.Apply(-10));
        Assert.Equal(1, fit.Apply(10));
    }

    [Fact]
    public void Tied_scores_are_averaged_before_the_fit()
    {
        var fit = IsotonicCalibration.Fit([0.7, 0.7, 0.7, 0.9, 0.2], [true, false, true, true, false]);
        Assert.Equal([0.2, 0.7, 0.9], fit.Scores);
        Assert.Equal([0, 2 / 3.0, 1], fit.Probabilities);
    }

    [Fact]
    public void The_fit_is_monotone_and_recovers_a_known_miscalibration()
    {
        // The model says s; the outcome truly happens with probability s squared (it is overconfident above 0).
        var random = new Random(5);
        var scores = Enumerable.Range(0, 20_000).Select(_ => random.NextDouble()).ToArray();
        var fit = IsotonicCalibration.Fit(scores, [.. scores.Select(s => random.NextDouble() < s * s)]);
        Assert.True(fit.Scores.Zip(fit.Scores.Skip(1)).All(p => p.First < p.Second), "scores must be strictly increasing");
        Assert.True(fit.Probabilities.Zip(fit.Probabilities.Skip(1)).All(p => p.First <= p.Second), "probabilities must not decrease");
        foreach (var s in new[] { 0.2, 0.35, 0.5, 0.65, 0.8 })
            Assert.InRange(fit.Apply(s), s * s - 0.04, s * s + 0.04);
    }

    [Fact]
    public void A_fit_needs_an_outcome_for_each_score()
    {
        Assert.Throws<ArgumentException>(() => IsotonicCalibration.Fit([0.5, 0.6], [true]));
        Assert.Throws<ArgumentException>(() => IsotonicCalibration.Fit([], []));
    }
}
