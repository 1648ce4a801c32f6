namespace Mlops.Runs.Search;

/// <summary>Where a trial of a search stands; samplers and pruners weigh each state differently (as Optuna does).</summary>
public enum TrialState
{
    Running,
    Complete,
    Pruned,
    Failed,
}
