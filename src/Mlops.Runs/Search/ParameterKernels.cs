namespace Mlops.Runs.Search;

/// <summary>
/// One parameter's share of a <see cref="ParzenEstimator"/>: a kernel per observation, in their order, then the prior's
/// kernel over the whole range. Component k of the estimator is the product of every parameter's kernel k.
/// </summary>
internal abstract class ParameterKernels
{
    /// <summary>
    /// The kernels of <paramref name="observations"/> (each inside <paramref name="distribution"/>) for its kind of
    /// parameter; <paramref name="scottFactor"/> is multivariate TPE's common width as a fraction of the range, null for
    /// univariate widths (<see cref="NumericalKernels"/>).
    /// </summary>
    public static ParameterKernels For(Distribution distribution, IReadOnlyList<double> observations, double priorWeight, double? scottFactor) => distribution switch
    {
        CategoricalDistribution c => new CategoricalKernels(c, observations, priorWeight),
        _ => new NumericalKernels(distribution, observations, scottFactor),
    };

    /// <summary>One draw from kernel <paramref name="component"/>, a value of the parameter (see <see cref="Distribution"/>).</summary>
    public abstract double Sample(int component, Random random);

    /// <summary>The log-density (log-probability for a discrete parameter) of a value under kernel <paramref name="component"/>.</summary>
    public abstract double LogPdf(int component, double value);
}
