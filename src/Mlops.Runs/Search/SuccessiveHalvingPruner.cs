namespace Mlops.Runs.Search;

/// <summary>
/// Asynchronous successive halving, ASHA (Li et al. 2020, "A System for Massively Parallel Hyperparameter Tuning",
/// MLSys), as Optuna 3.1's <c>SuccessiveHalvingPruner</c> (<c>optuna/pruners/_successive_halving.py</c>): rung k
/// ends at step min_resource * reduction_factor^(min_early_stopping_rate + k); a trial reaching a rung goes on only
/// when its value there is among the best 1/reduction_factor of the values every trial had when it reached that rung
/// (itself included; with fewer than reduction_factor of them, only the best goes on). Optuna remembers each trial's
/// value per rung; this pruner reads it back from the reports: a trial's value at a rung is the one it reported at
/// the first step at or past the rung, which is what Optuna records when the pruner is asked after every report.
/// Defaults: min_resource 1 (Optuna's default is "auto"), reduction_factor 3 (Optuna's: 4), min_early_stopping_rate 0.
/// </summary>
public sealed class SuccessiveHalvingPruner : IPruner
{
    private readonly bool _maximize;
    private readonly int _minResource;
    private readonly int _reductionFactor;
    private readonly int _minEarlyStoppingRate;

    public SuccessiveHalvingPruner(bool maximize, int minResource = 1, int reductionFactor = 3, int minEarlyStoppingRate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minResource, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(minEarlyStoppingRate);
        (_maximize, _minResource, _reductionFactor, _minEarlyStoppingRate) = (maximize, minResource, reductionFactor, minEarlyStoppingRate);
    }

    public bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> all)
    {
        if (trial.LastStep is not { } step) return false;
        var value = trial.ValueAt(step)!.Value;
        var previousStep = trial.Intermediate.Select(i => i.Step).Where(s => s < step).DefaultIfEmpty(int.MinValue).Max();
        // Rungs the trial passed at an earlier report were judged then.
        var rung = 0;
        while (RungStep(rung) <= previousStep) rung++;
        for (; RungStep(rung) <= step; rung++)
        {
            if (double.IsNaN(value)) return true;
            var competing = all.Where(t => t.Number != trial.Number).Select(t => ValueAtRung(t, rung))
                .Where(v => v is { } x && !double.IsNaN(x)).Select(v => v!.Value).Append(value).Order().ToList();
            if (!IsPromotable(value, competing)) return true;
        }
        return false;
    }

    private long RungStep(int rung) => _minResource * (long)Math.Pow(_reductionFactor, _minEarlyStoppingRate + rung);

    /// <summary>What <paramref name="trial"/> reported at the first step at or past <paramref name="rung"/>'s, or null when it has not got there.</summary>
    private double? ValueAtRung(TrialRecord trial, int rung)
    {
        var rungStep = RungStep(rung);
        var reached = trial.Intermediate.Where(i => i.Step >= rungStep).ToList();
        return reached.Count == 0 ? null : trial.ValueAt(reached.Min(i => i.Step));
    }

    /// <summary>Optuna's <c>_is_trial_promotable_to_next_rung</c>: within the best max(1, n / reduction_factor) of the sorted values.</summary>
    private bool IsPromotable(double value, List<double> sorted)
    {
        var index = Math.Max(sorted.Count / _reductionFactor - 1, 0);
        return _maximize ? value >= sorted[^(index + 1)] : value <= sorted[index];
    }
}
