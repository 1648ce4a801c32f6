namespace Mlops.Runs.Search;

/// <summary>
/// Proposes the next trial's values from the trials so far. A sampler is a pure function of its seed and the history
/// it is given: the same history gives the same proposal, so a resumed sweep proposes what the interrupted one would have.
/// </summary>
public interface ISampler
{
    /// <summary>One value per parameter of <paramref name="space"/> (see <see cref="Distribution"/> for what the number means).</summary>
    IReadOnlyDictionary<string, double> Propose(SearchSpace space, IReadOnlyList<TrialRecord> trials);
}
