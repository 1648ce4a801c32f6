using Mlops.Runs.Search;
using static Mlops.Runs.Tests.Search.PrunerHistory;

namespace Mlops.Runs.Tests.Search;

/// <summary>
/// ASHA with min_resource 1 and reduction factor 3: rungs end at steps 1, 3, 9, ...; at each a trial goes on only
/// among the best third of the values all trials had there.
/// </summary>
public sealed class SuccessiveHalvingPrunerTests
{
    private static readonly SuccessiveHalvingPruner Pruner = new(maximize: false);

    // Five trials that reached step 1 with losses 1 to 5 (reported at steps 0 and 1).
    private static readonly List<TrialRecord> FirstRung = [.. Enumerable.Range(0, 5).Select(i => Trial(i, TrialState.Complete, 10, 1 + i))];

    [Fact]
    public void The_first_trial_at_a_rung_goes_on()
    {
        var trial = Trial(0, TrialState.Running, 10, 50);
        Assert.False(Pruner.ShouldPrune(trial, [trial]));
    }

    [Fact]
    public void At_a_rung_only_the_best_third_goes_on()
    {
        // Six values at rung 0 with the trial's; 6 / 3 = 2 go on, so the trial must be at most the 2nd smallest.
        // With 1.5: 1, 1.5, 2, ... (2nd): goes on. With 2.5: 1, 2, 2.5, ... (3rd): stopped.
        Assert.False(Pruner.ShouldPrune(Trial(9, TrialState.Running, 10, 1.5), FirstRung));
        Assert.True(Pruner.ShouldPrune(Trial(9, TrialState.Running, 10, 2.5), FirstRung));
        // A tie with the 2nd value goes on.
        Assert.False(Pruner.ShouldPrune(Trial(9, TrialState.Running, 10, 2), FirstRung));
    }

    [Fact]
    public void With_fewer_than_three_values_only_the_best_goes_on()
    {
        // Two values, 1 and the trial's: 2 / 3 = 0, so the best one only.
        Assert.True(Pruner.ShouldPrune(Trial(9, TrialState.Running, 10, 1.1), FirstRung.Take(1).ToList()));
        Assert.False(Pruner.ShouldPrune(Trial(9, TrialState.Running, 10, 0.9), FirstRung.Take(1).ToList()));
    }

    [Fact]
    public void Between_rungs_a_trial_is_not_judged_again()
    {
        // Step 2 lies between rung 0 (step 1, passed with 1.5) and rung 1 (step 3): whatever its value, it goes on.
        Assert.False(Pruner.ShouldPrune(Trial(9, TrialState.Running, 10, 1.5, 99), FirstRung));
        // Before the first rung nothing is judged.
        Assert.False(Pruner.ShouldPrune(Trial(9, TrialState.Running, 99), FirstRung));
    }

    [Fact]
    public void At_a_later_rung_each_trial_competes_with_the_value_it_had_at_that_rung()
    {
        // Three trials reached step 3 with 0.5, 0.6 and 0.7, then worsened to 5 by step 5; pruned trial 3 stopped at step 1.
        List<TrialRecord> all =
        [
            Trial(0, TrialState.Complete, 9, 1, 0.8, 0.5, 5, 5),
            Trial(1, TrialState.Complete, 9, 1, 0.8, 0.6, 5, 5),
            Trial(2, TrialState.Running, 9, 1, 0.8, 0.7, 5, 5),
            Trial(3, TrialState.Pruned, 9, 8),
        ];
        // Rung 1: values 0.5, 0.6, 0.7 and the trial's; 4 / 3 = 1 goes on, so only a trial below 0.5 does.
        Assert.True(Pruner.ShouldPrune(Trial(9, TrialState.Running, 9, 1, 0.8, 0.55), all));
        Assert.False(Pruner.ShouldPrune(Trial(9, TrialState.Running, 9, 1, 0.8, 0.45), all));
    }

    [Fact]
    public void A_report_that_skips_rungs_is_judged_at_each_of_them()
    {
        // Reported at step 0, then 3: rung 0 (step 1) and rung 1 (step 3) are both judged now, with the value at step 3.
        List<TrialRecord> all = [Trial(0, TrialState.Complete, 9, 0.1, 9, 9), Trial(1, TrialState.Complete, 9, 9, 9, 0.1), Trial(2, TrialState.Complete, 9, 9, 9, 9)];
        // Rung 0 (values 0.1, 9, 9, and 0.5): 4 / 3 = 1, only the best goes on: 0.5 is not, so stopped at rung 0.
        Assert.True(Pruner.ShouldPrune(Reported(9, TrialState.Running, (0, 9), (3, 0.5)), all));
        // With 0.05 it passes rung 0 and rung 1 (values 9, 0.1, 9, 0.05).
        Assert.False(Pruner.ShouldPrune(Reported(9, TrialState.Running, (0, 9), (3, 0.05)), all));
    }

    [Fact]
    public void Maximizing_only_the_largest_third_goes_on()
    {
        var pruner = new SuccessiveHalvingPruner(maximize: true);
        // Values 1 to 5 and the trial's: 2 go on, so the trial must be one of the 2 largest: 4.5 is, 3.5 is not.
        Assert.False(pruner.ShouldPrune(Trial(9, TrialState.Running, 0, 4.5), FirstRung));
        Assert.True(pruner.ShouldPrune(Trial(9, TrialState.Running, 0, 3.5), FirstRung));
    }

    [Fact]
    public void A_minimum_early_stopping_rate_moves_the_first_rung_later()
    {
        // Rate 1: rungs at steps 3, 9, ...: at step 1 even the worst trial goes on.
        var pruner = new SuccessiveHalvingPruner(maximize: false, minEarlyStoppingRate: 1);
        Assert.False(pruner.ShouldPrune(Trial(9, TrialState.Running, 10, 99), FirstRung));
        // And a min_resource of 2 with factor 2 puts rung 0 at step 2.
        var coarse = new SuccessiveHalvingPruner(maximize: false, minResource: 2, reductionFactor: 2);
        Assert.False(coarse.ShouldPrune(Trial(9, TrialState.Running, 10, 99), FirstRung));
    }

    [Fact]
    public void A_NaN_at_a_rung_is_stopped_and_others_NaN_values_do_not_compete()
    {
        Assert.True(Pruner.ShouldPrune(Trial(9, TrialState.Running, 10, double.NaN), FirstRung));
        // Only trial 0 (value 1) and the trial compete: the trial at 0.5 is the best, so goes on.
        List<TrialRecord> withNaN = [FirstRung[0], Trial(1, TrialState.Failed, 10, double.NaN), Trial(2, TrialState.Failed, 10, double.NaN)];
        Assert.False(Pruner.ShouldPrune(Trial(9, TrialState.Running, 10, 0.5), withNaN));
    }

    [Fact]
    public void Bad_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuccessiveHalvingPruner(false, minResource: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuccessiveHalvingPruner(false, reductionFactor: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuccessiveHalvingPruner(false, minEarlyStoppingRate: -1));
    }
}
