namespace Mlops.Runs.Search;

/// <summary>Which rule stops a search's weak trials early: <c>sweeper.pruner</c>.</summary>
public enum PrunerKind
{
    /// <summary>Every trial trains to its end.</summary>
    None,
    /// <summary>Stop a trial whose best so far is worse than the median of the others at the same epoch (<see cref="MedianPruner"/>).</summary>
    Median,
    /// <summary>Asynchronous successive halving (<see cref="SuccessiveHalvingPruner"/>): only the top 1/reduction_factor go on at each rung.</summary>
    Asha,
}
