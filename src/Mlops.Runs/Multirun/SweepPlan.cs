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

    /// <summary>The sweep folder this plan continues (<c>mlops train -m --resume</c>), or null for a new sweep.</summary>
    public string? ResumeFolder { get; init; }

    /// <summary>
    /// Gives <paramref name="job"/> the end an earlier run of the sweep recorded for it, when that was finished or pruned
    /// (its reports too, for the pruner and the sampler); any other job runs again, resuming from its saved state if it has one.
    /// </summary>
    protected void Restore(SweepJob job, IReadOnlyDictionary<int, SweepSummary.Entry> previous)
    {
        if (!previous.TryGetValue(job.Num, out var entry) || entry.Status is not ("done" or "pruned")) return;
        if (!entry.Overrides.SequenceEqual(job.Overrides.Select(o => o.Text)))
            throw new Config.ConfigException($"Job {job.Num} of the sweep was '{string.Join(" ", entry.Overrides)}', but planning it again gives '{job.Description}'.",
                "The configs changed since the sweep started; start a new sweep instead of resuming this one.");
        (job.Status, job.Score, job.Folder, job.Elapsed, job.PeakRssMb) = (entry.Status, entry.Score, entry.Folder, entry.Elapsed, entry.PeakRssMb);
        if (entry.Folder is { } folder) job.Intermediate = TrialReports.Read(folder, Objective.Metric);
    }

    /// <summary>The rule that stops weak trials, or null when none is asked for.</summary>
    public IPruner? Pruner => Sweeper.Pruner switch
    {
        PrunerKind.Median => new MedianPruner(Objective.Maximize),
        PrunerKind.Asha => new SuccessiveHalvingPruner(Objective.Maximize, Sweeper.MinResource, Sweeper.ReductionFactor),
        _ => null,
    };
}
