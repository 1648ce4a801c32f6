using Mlops.Runs.Search;
using static Mlops.Runs.Tests.Search.PrunerHistory;

namespace Mlops.Runs.Tests.Search;

/// <summary>The median rule stops a trial whose best value so far is worse than the completed trials' median at its step.</summary>
public sealed class MedianPrunerTests
{
    // Five completed trials reporting a loss at steps 0 to 3; at step 3 their values are 1, 2, 3, 4 and 5: median 3.
    private static readonly List<TrialRecord> Completed = [.. Enumerable.Range(0, 5).Select(i => Trial(i, TrialState.Complete, 9, 8, 7, 1 + i))];

    private static bool Prune(IPruner pruner, TrialRecord trial) => pruner.ShouldPrune(trial, [.. Completed, trial]);

    [Fact]
    public void A_trial_worse_than_the_median_at_its_step_is_stopped_and_a_better_one_goes_on()
    {
        var pruner = new MedianPruner(maximize: false);
        Assert.True(Prune(pruner, Trial(9, TrialState.Running, 9, 8, 7, 3.5)));
        Assert.False(Prune(pruner, Trial(9, TrialState.Running, 9, 8, 7, 2.5)));
        Assert.False(Prune(pruner, Trial(9, TrialState.Running, 9, 8, 7, 3.0)));
    }

    [Fact]
    public void It_judges_the_best_value_so_far_not_the_latest()
    {
        // 10 at step 3 is worse than the median 3, but the trial reached 2 at step 1.
        Assert.False(Prune(new MedianPruner(maximize: false), Trial(9, TrialState.Running, 9, 2, 7, 10)));
    }

    [Fact]
    public void Maximizing_the_best_is_the_largest_and_worse_means_below_the_median()
    {
        var pruner = new MedianPruner(maximize: true);
        Assert.True(Prune(pruner, Trial(9, TrialState.Running, 0, 1, 2, 2.5)));
        Assert.False(Prune(pruner, Trial(9, TrialState.Running, 0, 1, 2, 3.5)));
    }

    [Fact]
    public void Nothing_is_stopped_before_five_trials_have_completed()
    {
        var trial = Trial(9, TrialState.Running, 100, 100, 100, 100);
        Assert.False(new MedianPruner(false).ShouldPrune(trial, [.. Completed.Take(4), trial]));
        // Pruned and running trials do not count as completed.
        Assert.False(new MedianPruner(false).ShouldPrune(trial, [.. Completed.Take(4), Trial(5, TrialState.Pruned, 1), Trial(6, TrialState.Running, 1), trial]));
        Assert.True(new MedianPruner(false).ShouldPrune(trial, [.. Completed, trial]));
    }

    [Fact]
    public void Nothing_is_stopped_during_the_warm_up()
    {
        var trial = Trial(9, TrialState.Running, 100, 100, 100, 100);
        Assert.False(Prune(new MedianPruner(false, warmupSteps: 4), trial));
        Assert.True(Prune(new MedianPruner(false, warmupSteps: 3), trial));
    }

    [Fact]
    public void With_an_interval_only_the_first_report_at_or_after_each_checkpoint_is_judged()
    {
        // Interval 2: checkpoints at steps 0, 2, 4. Step 3 follows a report at step 2, which was the checkpoint's.
        var pruner = new MedianPruner(false, intervalSteps: 2);
        Assert.False(Prune(pruner, Trial(9, TrialState.Running, 100, 100, 100, 100)));
        // Reported at steps 1 and 3 only: step 3 is the first report since checkpoint 2.
        var skipping = Reported(9, TrialState.Running, (1, 100), (3, 100));
        Assert.True(Prune(pruner, skipping));
    }

    [Fact]
    public void A_step_no_completed_trial_reported_is_not_judged()
    {
        var pruner = new MedianPruner(false);
        Assert.False(Prune(pruner, Trial(9, TrialState.Running, 100, 100, 100, 100, 100)));
        Assert.False(Prune(new MedianPruner(false, minTrials: 6), Trial(9, TrialState.Running, 100, 100, 100, 100)));
    }

    [Fact]
    public void A_trial_that_reported_only_NaN_is_stopped()
    {
        Assert.True(Prune(new MedianPruner(false), Trial(9, TrialState.Running, double.NaN, double.NaN, double.NaN, double.NaN)));
    }

    [Fact]
    public void An_even_number_of_values_has_the_mean_of_the_middle_two_as_median()
    {
        // At step 3 the first four completed trials hold 1, 2, 3, 4: median 2.5.
        var trial = Trial(9, TrialState.Running, 9, 8, 7, 2.7);
        Assert.True(new MedianPruner(false, startupTrials: 4).ShouldPrune(trial, [.. Completed.Take(4), trial]));
        Assert.False(new MedianPruner(false, startupTrials: 4).ShouldPrune(Trial(9, TrialState.Running, 9, 8, 7, 2.4), [.. Completed.Take(4)]));
    }

    [Fact]
    public void A_percentile_pruner_keeps_only_the_given_best_share()
    {
        // The 25th percentile of 1, 2, 3, 4, 5 is 2: a trial at 2.5 survives the median rule but not this one.
        var trial = Trial(9, TrialState.Running, 9, 8, 7, 2.5);
        Assert.True(Prune(new PercentilePruner(25, maximize: false), trial));
        Assert.False(Prune(new PercentilePruner(75, maximize: false), trial));
        // Maximizing, keeping the best quarter means staying above the 75th percentile, 4.
        Assert.True(Prune(new PercentilePruner(25, maximize: true), Trial(9, TrialState.Running, 0, 0, 0, 3.9)));
        Assert.False(Prune(new PercentilePruner(25, maximize: true), Trial(9, TrialState.Running, 0, 0, 0, 4.1)));
    }

    [Fact]
    public void A_trial_that_reported_nothing_is_not_judged() =>
        Assert.False(Prune(new MedianPruner(false), Reported(9, TrialState.Running)));

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentilePruner(101, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MedianPruner(false, intervalSteps: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MedianPruner(false, startupTrials: -1));
    }
}
