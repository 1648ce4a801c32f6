using MathNet.Numerics;

namespace Mlops.Monitoring.Statistics;

/// <summary>
/// Whether a window of vectors has moved away from a reference cloud: the distance between the window's centroid m and
/// the reference centroid mu, and its effect size, that distance in units of the reference's RMS spread sqrt(tr Sigma)
/// (the root mean squared distance of a reference vector from mu; it does not shrink with the window). Significance:
/// with no shift, m - mu of n window vectors and a reference centroid of N has covariance Sigma (1/n + 1/N), so
/// n' ||m - mu||^2, with n' = n N / (n + N), is a sum of chi-square(1) variables weighted by Sigma's eigenvalues, with
/// mean tr Sigma and variance 2 tr(Sigma^2). It is approximated by the scaled
/// chi-square c * chi2(k) of the same two moments (Satterthwaite's approximation): k = tr(Sigma)^2 / tr(Sigma^2), the
/// reference's effective number of dimensions, and c = tr(Sigma) / k. A permutation test would be exact but needs the
/// reference's embeddings at serving time and hundreds of passes over the window; this needs three numbers of the
/// reference and one pass, and its error (the tail of a weighted chi-square is a little heavier than the matched one's)
/// matters only near the p-value threshold, which the effect threshold gates anyway.
/// </summary>
public static class CentroidDistance
{
    /// <summary>The chi-square statistic n' k effect^2 (k degrees of freedom), its p-value, and the effect ||m - mu|| / RMS spread.</summary>
    public readonly record struct Result(double Statistic, double PValue, double Effect);

    public static Result Test(IReadOnlyList<double> centroid, double rmsSpread, double effectiveDimensions, int referenceCount, IReadOnlyList<float[]> window)
    {
        if (window.Count == 0 || referenceCount == 0 || rmsSpread <= 0 || effectiveDimensions <= 0) return new Result(double.NaN, double.NaN, double.NaN);
        var mean = new double[centroid.Count];
        foreach (var vector in window)
            for (var i = 0; i < mean.Length; i++) mean[i] += vector[i];
        var squaredDistance = 0.0;
        for (var i = 0; i < mean.Length; i++)
        {
            var difference = mean[i] / window.Count - centroid[i];
            squaredDistance += difference * difference;
        }
        var effect = Math.Sqrt(squaredDistance) / rmsSpread;
        var effectiveCount = (double)window.Count * referenceCount / (window.Count + referenceCount);
        var statistic = effectiveCount * effectiveDimensions * effect * effect;
        return new Result(statistic, SpecialFunctions.GammaUpperRegularized(effectiveDimensions / 2, statistic / 2), effect);
    }
}
