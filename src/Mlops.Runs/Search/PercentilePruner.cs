namespace Mlops.Runs.Search;

/// <summary>
/// Stops a trial whose best intermediate value so far is worse than the given percentile of the completed trials'
/// values at its current step, as Optuna 3.1's <c>PercentilePruner</c> (<c>optuna/pruners/_percentile.py</c>): never
/// before <paramref name="startupTrials"/> trials have completed, nor before step <paramref name="warmupSteps"/>, only at
/// the first report of each interval of <paramref name="intervalSteps"/> steps after the warm-up, and only when at least
/// <paramref name="minTrials"/> completed trials reported that step. A trial whose values are all NaN is stopped.
/// The <paramref name="percentile"/> (0 to 100) is the share of trials kept: 25 keeps the best quarter.
/// </summary>
public class PercentilePruner(double percentile, bool maximize, int startupTrials = 5, int warmupSteps = 0, int intervalSteps = 1, int minTrials = 1)
    : IPruner
{
    private readonly double _percentile = percentile is >= 0 and <= 100 ? percentile : throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile is 0 to 100.");
    private readonly int _startupTrials = startupTrials >= 0 ? startupTrials : throw new ArgumentOutOfRangeException(nameof(startupTrials));
    private readonly int _warmupSteps = warmupSteps >= 0 ? warmupSteps : throw new ArgumentOutOfRangeException(nameof(warmupSteps));
    private readonly int _intervalSteps = intervalSteps >= 1 ? intervalSteps : throw new ArgumentOutOfRangeException(nameof(intervalSteps));
    private readonly int _minTrials = minTrials >= 1 ? minTrials : throw new ArgumentOutOfRangeException(nameof(minTrials));

    public bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> all)
    {
        var completed = all.Where(t => t.State == TrialState.Complete && t.Number != trial.Number).ToList();
        if (completed.Count == 0 || completed.Count < _startupTrials) return false;
        if (trial.LastStep is not { } step || step < _warmupSteps || !IsFirstInInterval(trial, step)) return false;

        var reported = trial.Intermediate.Select(i => i.Value).Where(v => !double.IsNaN(v)).ToList();
        if (reported.Count == 0) return true;
        var best = maximize ? reported.Max() : reported.Min();

        var atStep = completed.Select(t => t.ValueAt(step)).Where(v => v is not null).Select(v => v!.Value).ToList();
        if (atStep.Count < _minTrials) return false;
        var threshold = Percentile(atStep.Where(v => !double.IsNaN(v)).Order().ToList(), maximize ? 100 - _percentile : _percentile);
        return maximize ? best < threshold : best > threshold;
    }

    /// <summary>
    /// Whether <paramref name="step"/> is the trial's first report at or after the latest pruning point (warm-up plus a
    /// multiple of the interval), Optuna's <c>_is_first_in_interval_step</c>.
    /// </summary>
    private bool IsFirstInInterval(TrialRecord trial, int step)
    {
        var latestPruningStep = (step - _warmupSteps) / _intervalSteps * _intervalSteps + _warmupSteps;
        var previous = trial.Intermediate.Select(i => i.Step).Where(s => s != step).DefaultIfEmpty(-1).Max();
        return previous < latestPruningStep;
    }

    /// <summary><c>numpy.percentile</c> with linear interpolation of sorted values; NaN when there are none.</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double percentile)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = percentile / 100 * (sorted.Count - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }
}
