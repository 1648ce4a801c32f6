namespace Mlops.Runs.Search;

/// <summary>
/// TPE's density over one parameter, or over several jointly (multivariate TPE, Falkner, Klein and Hutter 2018, "BOHB",
/// as Optuna 3.1 builds it with <c>multivariate=True</c>): a weighted mixture with one component per observation plus a
/// prior component over the whole range (Bergstra et al. 2011, "Algorithms for Hyper-Parameter Optimization"), each
/// component the product of one kernel per parameter (<see cref="ParameterKernels"/>). The weights are Optuna 3.1's
/// <c>default_weights</c> (Bergstra et al. 2013, "Making a Science of Model Search"): equal for up to 25 observations,
/// beyond that a ramp from 1/n up to 1 for all but the newest 25, then the prior's weight appended and all normalized
/// (<c>_ParzenEstimator._calculate_weights</c> in <c>optuna/samplers/_tpe/parzen_estimator.py</c>).
/// </summary>
internal sealed class ParzenEstimator
{
    /// <summary>Scott's rule as Optuna 3.1 applies it to multivariate TPE: width 0.2 n^(-1/(d+4)) of the range.</summary>
    private const double ScottMagnitude = 0.2;

    private readonly IReadOnlyList<ParameterKernels> _parameters;
    private readonly double[] _logWeights;
    private readonly double[] _cumulativeWeights;

    /// <param name="distributions">The parameters, none single-valued.</param>
    /// <param name="observations">One row per observed trial, one value per parameter, each inside its distribution.</param>
    /// <param name="priorWeight">The prior component's weight before normalizing (an observation's is 1).</param>
    /// <param name="multivariate">Scott's-rule widths for a joint density, instead of each observation's gap to its neighbours.</param>
    public ParzenEstimator(IReadOnlyList<Distribution> distributions, IReadOnlyList<double[]> observations, double priorWeight, bool multivariate)
    {
        double? scottFactor = multivariate ? ScottMagnitude * Math.Pow(Math.Max(observations.Count, 1), -1.0 / (distributions.Count + 4)) : null;
        _parameters = [.. distributions.Select((d, p) => ParameterKernels.For(d, [.. observations.Select(row => row[p])], priorWeight, scottFactor))];
        var weights = ComponentWeights(observations.Count, priorWeight);
        _logWeights = [.. weights.Select(w => Math.Log(w))];
        _cumulativeWeights = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++) _cumulativeWeights[i] = sum += weights[i];
    }

    /// <summary>One draw: a component by weight, then a value of each parameter from that component's kernel.</summary>
    public double[] Sample(Random random)
    {
        var component = DrawComponent(random);
        return [.. _parameters.Select(p => p.Sample(component, random))];
    }

    /// <summary>The log-density (log-probability where discrete) of a point, one value per parameter.</summary>
    public double LogPdf(IReadOnlyList<double> point)
    {
        var terms = new double[_logWeights.Length];
        for (var k = 0; k < terms.Length; k++)
        {
            terms[k] = _logWeights[k];
            for (var p = 0; p < _parameters.Count; p++) terms[k] += _parameters[p].LogPdf(k, point[p]);
        }
        return LogSumExp(terms);
    }

    /// <summary>A component drawn by weight, as <c>numpy.random.choice(p=weights)</c> draws it.</summary>
    private int DrawComponent(Random random)
    {
        var u = random.NextDouble() * _cumulativeWeights[^1];
        var index = Array.FindIndex(_cumulativeWeights, c => u < c);
        return index < 0 ? _cumulativeWeights.Length - 1 : index;
    }

    /// <summary>log(sum of exp(terms)) without overflow.</summary>
    private static double LogSumExp(IReadOnlyList<double> terms)
    {
        var max = terms.Max();
        return double.IsNegativeInfinity(max) ? max : max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
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
