using System.ComponentModel.DataAnnotations;

namespace Mlops.Runs.Search;

/// <summary>
/// The <c>sweeper</c> section: a grid of every combination, or a search (random or TPE) of <see cref="Trials"/> trials
/// over the distributions the sweep overrides declare, with a seed, and optionally early stopping of weak trials.
/// </summary>
public sealed record SweeperSpec
{
    public SweeperKind Kind { get; init; } = SweeperKind.Grid;

    /// <summary>How many trials a search runs (a grid runs every combination, whatever this says).</summary>
    [Range(1, 10_000)] public int Trials { get; init; } = 20;

    /// <summary>The search's seed: the same seed and results give the same proposals.</summary>
    public int Seed { get; init; }

    /// <summary>TPE's random start: proposals are random until this many trials have ended (Optuna's n_startup_trials).</summary>
    [Range(0, 10_000)] public int StartupTrials { get; init; } = 10;

    /// <summary>TPE models the parameters jointly, seeing how they interact (Optuna's multivariate); by default each on its own.</summary>
    public bool Multivariate { get; init; }

    /// <summary>Early stopping of weak trials, judged on the monitored metric after each epoch.</summary>
    public PrunerKind Pruner { get; init; } = PrunerKind.None;

    /// <summary>ASHA's first rung, in epochs: no trial is stopped before it.</summary>
    [Range(1, 10_000)] public int MinResource { get; init; } = 1;

    /// <summary>ASHA's reduction factor: rungs at min_resource x factor^k epochs, the top 1/factor of each going on.</summary>
    [Range(2, 100)] public int ReductionFactor { get; init; } = 3;

    /// <summary>Keep a pruned trial's resume point (<c>last/</c>), so it can be continued; by default it is removed.</summary>
    public bool KeepPruned { get; init; }
}
