namespace Mlops.Runs.Search;

/// <summary>
/// The trials TPE learns from, split into the good ones (the gamma(n) best, from which l(x) is built) and the rest
/// (g(x)), in the order they started. A trial ranks by (-step, value) as in Optuna 3.1's
/// <c>_get_observation_pairs</c> and <c>_split_observation_pairs</c>: a complete trial by its objective ahead of every
/// pruned one, a pruned trial by its last intermediate value, those that got further ahead; with the constant liar a
/// running trial ranks last; a failed trial is left out. Values are negated when maximizing.
/// </summary>
internal sealed record RankedTrials(IReadOnlyList<TrialRecord> Below, IReadOnlyList<TrialRecord> Above, int Finished)
{
    /// <summary>gamma(n) = min(ceil(n / 10), 25): how many of n finished trials count as good (Optuna's <c>default_gamma</c>).</summary>
    public static int Gamma(int finished) => Math.Min((int)Math.Ceiling(0.1 * finished), 25);

    public static RankedTrials Split(IReadOnlyList<TrialRecord> trials, bool maximize, bool constantLiar)
    {
        var sign = maximize ? -1.0 : 1.0;
        var ranked = trials.OrderBy(t => t.Number)
            .Select(t => (Trial: t, Key: Key(t, sign, constantLiar)))
            .Where(r => r.Key is not null)
            .Select(r => (r.Trial, Key: r.Key!.Value))
            .ToList();
        var finished = ranked.Count(r => r.Key.Step < double.PositiveInfinity);
        var best = ranked.OrderBy(r => r.Key.Step).ThenBy(r => r.Key.Value).Take(Gamma(finished)).Select(r => r.Trial).ToHashSet();
        return new RankedTrials(
            [.. ranked.Select(r => r.Trial).Where(best.Contains)],
            [.. ranked.Select(r => r.Trial).Where(t => !best.Contains(t))],
            finished);
    }

    private static (double Step, double Value)? Key(TrialRecord trial, double sign, bool constantLiar) => trial.State switch
    {
        TrialState.Complete when trial.Value is { } value && !double.IsNaN(value) => (double.NegativeInfinity, sign * value),
        TrialState.Pruned when trial.LastStep is { } step => (-step, trial.ValueAt(step) is { } last && !double.IsNaN(last) ? sign * last : double.PositiveInfinity),
        TrialState.Pruned => (1, 0),
        TrialState.Running when constantLiar => (double.PositiveInfinity, double.PositiveInfinity),
        _ => null,
    };
}
