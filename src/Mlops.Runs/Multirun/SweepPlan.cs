using Mlops.Runs.Search;

namespace Mlops.Runs.Multirun;

/// <summary>
/// The jobs of a multirun: all known before any starts (<see cref="GridPlan"/>), or proposed one at a time from the
/// results so far (<see cref="SearchPlan"/>). The runner asks for the next job whenever a slot is free.
/// </summary>
public abstract class SweepPlan(SweepJob first, SweeperSpec sweeper, SweepObjective objective)
{
    /// <summary>The jobs so far, in the order they were planned (a search's grow as it runs).</summary>
    public abstract IReadOnlyList<SweepJob> Jobs { get; }

    /// <summary>How many jobs the sweep runs at most.</summary>
    public abstract int Total { get; }

    /// <summary>The first job, whose config says where the sweep goes and how it runs (the launcher is the same for all).</summary>
    public SweepJob First { get; } = first;

    public SweeperSpec Sweeper { get; } = sweeper;
    public SweepObjective Objective { get; } = objective;

    /// <summary>The next job to start, or null when every job has been started.</summary>
    public abstract SweepJob? Next();

    /// <summary>The rule that stops weak trials, or null when none is asked for.</summary>
    public IPruner? Pruner => Sweeper.Pruner switch
    {
        PrunerKind.Median => new MedianPruner(Objective.Maximize),
        PrunerKind.Asha => new SuccessiveHalvingPruner(Objective.Maximize, Sweeper.MinResource, Sweeper.ReductionFactor),
        _ => null,
    };
}
