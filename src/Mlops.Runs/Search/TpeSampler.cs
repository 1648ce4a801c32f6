namespace Mlops.Runs.Search;

/// <summary>
/// The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kégl 2011, "Algorithms for Hyper-Parameter
/// Optimization", NeurIPS), as Optuna 3.1's <c>TPESampler</c> runs it (<c>optuna/samplers/_tpe/sampler.py</c>): random
/// proposals for the first <see cref="TpeOptions.StartupTrials"/> finished trials; then a density l(x) of the good
/// trials' values and g(x) of the rest (<see cref="RankedTrials"/>, <see cref="ParzenEstimator"/>),
/// <see cref="TpeOptions.EiCandidates"/> candidates drawn from l, and the one with the largest l(x)/g(x) (which
/// maximizes expected improvement) proposed. By default, as in Optuna, each parameter is modelled on its own;
/// <see cref="TpeOptions.Multivariate"/> models them jointly, which sees interactions (a learning rate that is good only
/// with class weighting on) that per-parameter densities average away.
/// </summary>
public sealed class TpeSampler : ISampler
{
    private readonly int _seed;
    private readonly bool _maximize;
    private readonly TpeOptions _options;
    private readonly RandomSampler _startup;

    /// <param name="seed">Seeds every proposal (with the number of trials shown, see <see cref="ISampler"/>).</param>
    /// <param name="maximize">Whether a larger objective is better.</param>
    /// <param name="options">Optuna's defaults when null.</param>
    public TpeSampler(int seed, bool maximize, TpeOptions? options = null)
    {
        _options = options ?? new TpeOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.StartupTrials, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.EiCandidates, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.PriorWeight, nameof(options));
        _seed = seed;
        _maximize = maximize;
        _startup = new RandomSampler(seed);
    }

    public IReadOnlyDictionary<string, double> Propose(SearchSpace space, IReadOnlyList<TrialRecord> trials)
    {
        var ranked = RankedTrials.Split(trials, _maximize, _options.ConstantLiar);
        if (ranked.Finished < _options.StartupTrials) return _startup.Propose(space, trials);
        var random = ProposalRandom.For(_seed, trials.Count);
        var searched = space.Parameters.Where(p => !p.Distribution.IsSingle).ToList();
        var groups = _options.Multivariate ? [searched] : searched.Select(p => (IReadOnlyList<SearchParameter>)[p]);
        var proposal = new Dictionary<string, double>();
        foreach (var group in groups.Where(g => g.Count > 0))
            foreach (var (parameter, value) in group.Zip(Propose(group, ranked, random)))
                proposal[parameter.Key] = value;
        return space.Parameters.ToDictionary(p => p.Key, p => proposal.TryGetValue(p.Key, out var v) ? v : RandomSampler.Draw(p.Distribution, random));
    }

    /// <summary>A point of <paramref name="group"/>'s parameters, one value each: the candidate from l with the largest l/g.</summary>
    private double[] Propose(IReadOnlyList<SearchParameter> group, RankedTrials ranked, Random random)
    {
        var distributions = group.Select(p => p.Distribution).ToList();
        var good = new ParzenEstimator(distributions, Observed(ranked.Below, group), _options.PriorWeight, _options.Multivariate);
        var rest = new ParzenEstimator(distributions, Observed(ranked.Above, group), _options.PriorWeight, _options.Multivariate);
        double[]? best = null;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < _options.EiCandidates; i++)
        {
            var candidate = good.Sample(random);
            var score = good.LogPdf(candidate) - rest.LogPdf(candidate);
            if (best is null || score > bestScore) (best, bestScore) = (candidate, score);
        }
        return best!;
    }

    /// <summary>The trials' values of <paramref name="group"/>, one row per trial that has a value inside every parameter's distribution.</summary>
    private static double[][] Observed(IReadOnlyList<TrialRecord> trials, IReadOnlyList<SearchParameter> group) =>
        [.. trials.Select(t => group.Select(p => t.Params.TryGetValue(p.Key, out var v) ? v : double.NaN).ToArray())
            .Where(row => row.Select((v, i) => group[i].Distribution.Contains(v)).All(inside => inside))];
}
