namespace Mlops.Runs.Search;

/// <summary>
/// The settings of <see cref="TpeSampler"/>, Optuna 3.1's <c>TPESampler</c> defaults: random proposals until
/// <paramref name="StartupTrials"/> trials have finished, <paramref name="EiCandidates"/> candidates drawn per parameter,
/// the prior's weight, the constant liar (running trials counted as bad, so trials proposed side by side spread out),
/// and whether the parameters are modelled jointly (<paramref name="Multivariate"/>, off by default as in Optuna).
/// </summary>
public sealed record TpeOptions(int StartupTrials = 10, int EiCandidates = 24, double PriorWeight = 1.0, bool ConstantLiar = true, bool Multivariate = false);
