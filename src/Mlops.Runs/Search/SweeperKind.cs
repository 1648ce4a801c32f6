namespace Mlops.Runs.Search;

/// <summary>How a multirun picks its jobs: <c>sweeper.kind</c>, set by the <c>sweeper</c> group option.</summary>
public enum SweeperKind
{
    /// <summary>Every combination of the sweeps' values (Hydra's basic sweeper).</summary>
    Grid,
    /// <summary><see cref="SweeperSpec.Trials"/> independent draws from the declared distributions.</summary>
    Random,
    /// <summary>The Tree-structured Parzen Estimator, proposing from the trials so far (<see cref="TpeSampler"/>).</summary>
    Tpe,
}
