namespace Mlops.Runs.Search;

/// <summary>
/// Decides, after a trial reports an intermediate value (step = epoch), whether to stop it early. A pruner is a pure
/// function of the trial and all trials of the search (the trial itself may be among them): it keeps no state.
/// </summary>
public interface IPruner
{
    bool ShouldPrune(TrialRecord trial, IReadOnlyList<TrialRecord> all);
}
