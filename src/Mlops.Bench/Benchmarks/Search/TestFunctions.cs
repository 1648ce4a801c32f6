using Mlops.Runs.Search;

namespace Mlops.Bench.Benchmarks.Search;

/// <summary>
/// A function <c>mlops bench tpe</c> minimizes, its box (parameters <c>x0</c>, <c>x1</c>, ...), its known minimum, and
/// the standard deviation of the Gaussian noise added to what a sampler observes (0: none). With noise, a run's best
/// value is the noiseless value of the trial whose observed value was best: what a user who keeps that trial gets.
/// </summary>
public sealed record TestFunction(string Name, double[] Low, double[] High, double Minimum, double NoiseSd, Func<double[], double> Evaluate)
{
    public SearchSpace Space => new([.. Low.Select((low, i) => new SearchParameter($"x{i}", new FloatDistribution(low, High[i])))]);

    public double[] Point(IReadOnlyDictionary<string, double> values) => [.. Low.Select((_, i) => values[$"x{i}"])];
}

/// <summary>
/// The benchmark's test functions, from the Virtual Library of Simulation Experiments (Surjanovic and Bingham,
/// https://www.sfu.ca/~ssurjano/optimization.html), written the same way in <c>bench/optuna_tpe.py</c>.
/// </summary>
public static class TestFunctions
{
    /// <summary>Branin-Hoo on [-5, 10] x [0, 15]: three global minima of 0.397887.</summary>
    public static readonly TestFunction Branin = new("branin", [-5, 0], [10, 15], 0.397887, 0, x =>
    {
        const double B = 5.1 / (4 * Math.PI * Math.PI), C = 5 / Math.PI, T = 1 / (8 * Math.PI);
        var inner = x[1] - B * x[0] * x[0] + C * x[0] - 6;
        return inner * inner + 10 * (1 - T) * Math.Cos(x[0]) + 10;
    });

    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] HartmannA =
    {
        { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] HartmannP =
    {
        { 1312, 1696, 5569, 124, 8283, 5886 }, { 2329, 4135, 8307, 3736, 1004, 9991 },
        { 2348, 1451, 3522, 2883, 3047, 6650 }, { 4047, 8828, 8732, 5743, 1091, 381 },
    };

    /// <summary>Hartmann-6 on [0, 1]^6: minimum -3.32237.</summary>
    public static readonly TestFunction Hartmann6 = new("hartmann6", [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1], -3.32237, 0, x =>
    {
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var exponent = 0.0;
            for (var j = 0; j < 6; j++)
            {
                var d = x[j] - 1e-4 * HartmannP[i, j];
                exponent += HartmannA[i, j] * d * d;
            }
            sum += HartmannAlpha[i] * Math.Exp(-exponent);
        }
        return -sum;
    });

    /// <summary>The sum of squares on [-5, 5]^3, observed with Gaussian noise of sd 0.1: minimum 0.</summary>
    public static readonly TestFunction NoisyQuadratic = new("noisy-quadratic", [-5, -5, -5], [5, 5, 5], 0, 0.1, x => x.Sum(v => v * v));

    public static readonly IReadOnlyList<TestFunction> All = [Branin, Hartmann6, NoisyQuadratic];

    public static TestFunction Named(string name) => All.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"Unknown test function '{name}': one of {string.Join(", ", All.Select(f => f.Name))}.", nameof(name));
}
