using Mlops.Runs.Search;

namespace Mlops.Bench.Benchmarks.Search;

/// <summary>
/// TPE with ASHA searching a <see cref="GridSurface"/> as <c>mlops bench search</c> searches CoLA: the same space, budget
/// and startup, trials one at a time, each reporting after every epoch and pruned by <see cref="SuccessiveHalvingPruner"/>
/// (min_resource 1, reduction factor 3). A trial's scores carry one Gaussian offset of <see cref="NoiseSd"/> (what a
/// real trial at a nearby rate scores differently from the interpolation), added where the score is not 0 (an
/// unweighted trial that predicts one class scores exactly 0). The result is the trial-epochs spent when the best
/// score first reached the target, or null. <c>bench/optuna_search_surface.py</c> is the same with Optuna.
/// </summary>
public sealed record SurfaceSearch(GridSurface Surface, int Trials, int StartupTrials, bool Multivariate, double NoiseSd)
{
    private static readonly SearchSpace Space = new([
        new SearchParameter("training.lr", new FloatDistribution(1e-5, 5e-4, Log: true)),
        new SearchParameter("model.balance_classes", new CategoricalDistribution(["false", "true"]))]);

    public int? ReachedAt(double target, int seed)
    {
        var sampler = new TpeSampler(seed, maximize: true, new TpeOptions(StartupTrials, Multivariate: Multivariate));
        var pruner = new SuccessiveHalvingPruner(maximize: true);
        var noise = new Random(seed);
        var history = new List<TrialRecord>();
        var spent = 0;
        for (var number = 0; number < Trials; number++)
        {
            var proposal = sampler.Propose(Space, history);
            var (lr, weighted) = (proposal["training.lr"], proposal["model.balance_classes"] == 1);
            var offset = NoiseSd * SearchRun.Gaussian(noise);
            var reports = new List<(int Step, double Value)>();
            var state = TrialState.Complete;
            for (var epoch = 1; epoch <= Surface.Epochs; epoch++)
            {
                var score = Surface.Score(lr, weighted, epoch);
                reports.Add((epoch, score == 0 ? 0 : score + offset));
                spent++;
                if (reports[^1].Value >= target) return spent;
                var running = new TrialRecord(number, proposal, TrialState.Running, null, [.. reports]);
                if (epoch < Surface.Epochs && pruner.ShouldPrune(running, [.. history, running]))
                {
                    state = TrialState.Pruned;
                    break;
                }
            }
            history.Add(new TrialRecord(number, proposal, state, state == TrialState.Complete ? reports[^1].Value : null, [.. reports]));
        }
        return null;
    }
}
