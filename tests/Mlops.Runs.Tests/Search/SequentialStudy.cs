using Mlops.Runs.Search;

namespace Mlops.Runs.Tests.Search;

/// <summary>Trials one after another: propose, evaluate, record complete; what a sweep of one job at a time does.</summary>
internal static class SequentialStudy
{
    public static List<TrialRecord> Run(ISampler sampler, SearchSpace space, Func<IReadOnlyDictionary<string, double>, double> objective, int trials)
    {
        var history = new List<TrialRecord>();
        for (var number = 0; number < trials; number++)
        {
            var proposal = sampler.Propose(space, history);
            history.Add(new TrialRecord(number, proposal, TrialState.Complete, objective(proposal)));
        }
        return history;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
