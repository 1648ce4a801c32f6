using Mlops.Runs.Search;

namespace Mlops.Runs.Tests.Search;

/// <summary>Trials built by hand for the pruner tests: a state and the value reported at each step from 0.</summary>
internal static class PrunerHistory
{
    private static readonly Dictionary<string, double> NoParams = [];

    public static TrialRecord Trial(int number, TrialState state, params double[] valuePerStep) =>
        new(number, NoParams, state, state == TrialState.Complete ? valuePerStep[^1] : null, [.. valuePerStep.Select((v, step) => (step, v))]);

    public static TrialRecord Reported(int number, TrialState state, params (int Step, double Value)[] reports) =>
        new(number, NoParams, state, null, reports);
}
