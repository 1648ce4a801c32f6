namespace Mlops.Runs.Search;

/// <summary>
/// The median stopping rule (Golovin et al. 2017, "Google Vizier"), as Optuna 3.1's <c>MedianPruner</c>: stop a trial
/// whose best intermediate value so far is worse than the median of the completed trials' values at the same step.
/// Defaults as Optuna's: 5 startup trials, no warm-up, a check at every step.
/// </summary>
public sealed class MedianPruner(bool maximize, int startupTrials = 5, int warmupSteps = 0, int intervalSteps = 1, int minTrials = 1)
    : PercentilePruner(50, maximize, startupTrials, warmupSteps, intervalSteps, minTrials);
