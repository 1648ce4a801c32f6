namespace Mlops.Runs.Search;

/// <summary>
/// TPE's density over one parameter: a weighted mixture with one component per observed value plus a prior component
/// over the whole range (Bergstra et al. 2011, "Algorithms for Hyper-Parameter Optimization"). The weights are Optuna
/// 3.1's <c>default_weights</c> (Bergstra et al. 2013, "Making a Science of Model Search"): equal for up to 25
/// observations, beyond that a ramp from 1/n up to 1 for all but the newest 25, then the prior's weight appended and
/// all normalized (<c>_ParzenEstimator._calculate_weights</c> in <c>optuna/samplers/_tpe/parzen_estimator.py</c>).
/// </summary>
internal abstract class ParzenEstimator
{
    private readonly double[] _cumulativeWeights;

    protected ParzenEstimator(int observations, double priorWeight)
    {
        Weights = ComponentWeights(observations, priorWeight);
        _cumulativeWeights = new double[Weights.Length];
        var sum = 0.0;
        for (var i = 0; i < Weights.Length; i++) _cumulativeWeights[i] = sum += Weights[i];
    }

    /// <summary>The components' weights, summing to 1: the observations' in their order, then the prior's.</summary>
    protected double[] Weights { get; }

    /// <summary>The estimator of <paramref name="observations"/> (each inside <paramref name="distribution"/>) for its kind of parameter.</summary>
    public static ParzenEstimator For(Distribution distribution, IReadOnlyList<double> observations, double priorWeight) => distribution switch
    {
        CategoricalDistribution c => new CategoricalParzenEstimator(c, observations, priorWeight),
        _ => new NumericalParzenEstimator(distribution, observations, priorWeight),
    };

    /// <summary>One draw, a value of the parameter (see <see cref="Distribution"/>).</summary>
    public abstract double Sample(Random random);

    /// <summary>The log-density (log-probability for a discrete parameter) of a value of the parameter.</summary>
    public abstract double LogPdf(double value);

    /// <summary>A component drawn by weight, as <c>numpy.random.choice(p=weights)</c> draws it.</summary>
    protected int DrawComponent(Random random)
    {
        var u = random.NextDouble() * _cumulativeWeights[^1];
        var index = Array.FindIndex(_cumulativeWeights, c => u < c);
        return index < 0 ? _cumulativeWeights.Length - 1 : index;
    }

    /// <summary>log(sum of exp(terms)) without overflow.</summary>
    protected static double LogSumExp(IEnumerable<double> terms)
    {
        var all = terms as double[] ?? [.. terms];
        var max = all.Max();
        return double.IsNegativeInfinity(max) ? max : max + Math.Log(all.Sum(t => Math.Exp(t - max)));
    }

    internal static double[] ComponentWeights(int observations, double priorWeight)
    {
        var weights = new double[observations + 1];
        const int Flat = 25;
        for (var i = 0; i < observations; i++)
            weights[i] = observations < Flat || i >= observations - Flat
                ? 1.0
                : Ramp(i, observations - Flat, 1.0 / observations);
        weights[observations] = priorWeight;
        var sum = weights.Sum();
        return [.. weights.Select(w => w / sum)];
    }

    /// <summary>Point <paramref name="i"/> of <c>numpy.linspace(start, 1, count)</c>.</summary>
    private static double Ramp(int i, int count, double start) => count == 1 ? start : start + (1.0 - start) * i / (count - 1);
}
