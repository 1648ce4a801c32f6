using MathNet.Numerics;

namespace Mlops.Runs.Search;

/// <summary>
/// The normal distribution truncated to [a, b] (in standard units), what TPE's Parzen estimators are mixtures of:
/// log-probabilities that stay finite far in the tails, and the inverse CDF by bisection in log space. A port of
/// Optuna 3.1's <c>optuna/samplers/_tpe/_truncnorm.py</c> (itself from SciPy's <c>truncnorm</c>), except that
/// <see cref="LogPdf"/> is the density, log(sigma) included; Optuna 3.1's omits it (optuna/optuna#5109), and
/// <see cref="NumericalKernels"/> adds it back where it follows Optuna 3.1.
/// </summary>
internal static class TruncatedNormal
{
    private static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);
    private static readonly double InvSqrt2 = 1 / Math.Sqrt(2);
    private const double MachineEpsilon = 2.220446049250313e-16; // Python's sys.float_info.epsilon

    /// <summary>A draw from N(<paramref name="mu"/>, <paramref name="sigma"/>) truncated to [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static double Sample(Random random, double mu, double sigma, double low, double high) =>
        Ppf(random.NextDouble(), (low - mu) / sigma, (high - mu) / sigma) * sigma + mu;

    /// <summary>The log-density at <paramref name="x"/> of N(<paramref name="mu"/>, <paramref name="sigma"/>) truncated to [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public static double LogPdf(double x, double mu, double sigma, double low, double high)
    {
        if (x < low || x > high) return double.NegativeInfinity;
        var z = (x - mu) / sigma;
        return -z * z / 2 - LogSqrt2Pi - LogGaussMass((low - mu) / sigma, (high - mu) / sigma) - Math.Log(sigma);
    }

    /// <summary>log(Phi(b) - Phi(a)): the standard normal's mass on [a, b], computed in the left tail where it is accurate.</summary>
    public static double LogGaussMass(double a, double b)
    {
        if (b <= 0) return LogDiff(LogNdtr(b), LogNdtr(a));
        if (a > 0) return LogGaussMass(-b, -a);
        return SpecialFunctions.Log1p(-Ndtr(a) - Ndtr(-b));
    }

    /// <summary>The quantile <paramref name="q"/> of the standard normal truncated to [a, b].</summary>
    public static double Ppf(double q, double a, double b)
    {
        if (q <= 0) return a;
        if (q >= 1) return b;
        return a < 0
            ? NdtriExp(LogSum(LogNdtr(a), Math.Log(q) + LogGaussMass(a, b)))
            : -NdtriExp(LogSum(LogNdtr(-b), SpecialFunctions.Log1p(-q) + LogGaussMass(a, b)));
    }

    /// <summary>Phi(a), the standard normal CDF.</summary>
    public static double Ndtr(double a)
    {
        var x = a * InvSqrt2;
        if (x < -InvSqrt2) return 0.5 * SpecialFunctions.Erfc(-x);
        if (x < InvSqrt2) return 0.5 + 0.5 * SpecialFunctions.Erf(x);
        return 1 - 0.5 * SpecialFunctions.Erfc(x);
    }

    /// <summary>log Phi(a), with the asymptotic series below -20 where Phi(a) underflows.</summary>
    public static double LogNdtr(double a)
    {
        if (a > 6) return -Ndtr(-a);
        if (a > -20) return Math.Log(Ndtr(a));
        var logLeft = -0.5 * a * a - Math.Log(-a) - LogSqrt2Pi;
        double lastTotal = 0, rightHandSide = 1, numerator = 1, denominatorFactor = 1, sign = 1;
        var denominator = 1 / (a * a);
        for (var i = 1; Math.Abs(lastTotal - rightHandSide) > MachineEpsilon; i++)
        {
            lastTotal = rightHandSide;
            sign = -sign;
            denominatorFactor *= denominator;
            numerator *= 2 * i - 1;
            rightHandSide += sign * numerator * denominatorFactor;
        }
        return logLeft + Math.Log(rightHandSide);
    }

    /// <summary>The x with log Phi(x) = <paramref name="y"/>, by 100 bisections on [-100, 100] as Optuna does.</summary>
    private static double NdtriExp(double y)
    {
        double low = -100, high = 100, middle = 0;
        for (var i = 0; i < 100; i++)
        {
            middle = (low + high) / 2;
            if (LogNdtr(middle) < y) low = middle;
            else high = middle;
        }
        return middle;
    }

    private static double LogSum(double logP, double logQ)
    {
        var max = Math.Max(logP, logQ);
        return max == double.NegativeInfinity ? max : max + Math.Log(Math.Exp(logP - max) + Math.Exp(logQ - max));
    }

    private static double LogDiff(double logP, double logQ) => logP + Math.Log(-SpecialFunctions.Expm1(logQ - logP));
}
