using Mlops.Runs.Search;

namespace Mlops.Bench.Benchmarks.Search;

/// <summary>
/// One seeded minimization of a <see cref="TestFunction"/> by a sampler, trials one after another as a sweep of one
/// job at a time runs them; the result is the best value found (see <see cref="TestFunction"/> for the noisy case).
/// </summary>
public static class SearchRun
{
    public static double BestValue(TestFunction function, ISampler sampler, int trials, int seed)
    {
        var space = function.Space;
        var noise = new Random(seed);
        var history = new List<TrialRecord>();
        var (bestObserved, best) = (double.PositiveInfinity, double.NaN);
        for (var number = 0; number < trials; number++)
        {
            var proposal = sampler.Propose(space, history);
            var value = function.Evaluate(function.Point(proposal));
            var observed = value + function.NoiseSd * Gaussian(noise);
            history.Add(new TrialRecord(number, proposal, TrialState.Complete, observed));
            if (observed < bestObserved) (bestObserved, best) = (observed, value);
        }
        return best;
    }

    /// <summary>A standard normal draw (Box-Muller).</summary>
    internal static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
