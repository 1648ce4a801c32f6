namespace Mlops.Runs.Search;

/// <summary>
/// The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio and Kégl 2011, "Algorithms for Hyper-Parameter
/// Optimization", NeurIPS), as Optuna 3.1's <c>TPESampler</c> runs it with its defaults (independent sampling, see
/// <c>optuna/samplers/_tpe/sampler.py</c>): random proposals for the first <see cref="TpeOptions.StartupTrials"/>
/// finished trials; then, for each parameter on its own, a density l(x) of the good trials' values and g(x) of the
/// rest (<see cref="RankedTrials"/>, <see cref="ParzenEstimator"/>), <see cref="TpeOptions.EiCandidates"/> candidates
/// drawn from l, and the one with the largest l(x)/g(x) (which maximizes expected improvement) proposed.
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
        return space.Parameters.ToDictionary(p => p.Key, p => Propose(p, ranked, random));
    }

    private double Propose(SearchParameter parameter, RankedTrials ranked, Random random)
    {
        var distribution = parameter.Distribution;
        if (distribution.IsSingle) return RandomSampler.Draw(distribution, random);
        var good = ParzenEstimator.For(distribution, Observed(ranked.Below, parameter), _options.PriorWeight);
        var rest = ParzenEstimator.For(distribution, Observed(ranked.Above, parameter), _options.PriorWeight);
        var best = double.NaN;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < _options.EiCandidates; i++)
        {
            var candidate = good.Sample(random);
            var score = good.LogPdf(candidate) - rest.LogPdf(candidate);
            if (double.IsNaN(best) || score > bestScore) (best, bestScore) = (candidate, score);
        }
        return best;
    }

    /// <summary>The values the trials were given for <paramref name="parameter"/>, where they have one inside its distribution.</summary>
    private static double[] Observed(IReadOnlyList<TrialRecord> trials, SearchParameter parameter) =>
        [.. trials.Select(t => t.Params.TryGetValue(parameter.Key, out var v) ? v : double.NaN).Where(parameter.Distribution.Contains)];
}
