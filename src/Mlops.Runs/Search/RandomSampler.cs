namespace Mlops.Runs.Search;

/// <summary>
/// Independent draws, uniform on each parameter's scale (Bergstra and Bengio 2012, "Random Search for
/// Hyper-Parameter Optimization"), as Optuna 3.1's <c>RandomSampler</c> draws them: a log parameter uniform in log
/// space, an integer uniform on [low - step/2, high + step/2] rounded to its grid, a choice uniform.
/// </summary>
public sealed class RandomSampler(int seed) : ISampler
{
    public IReadOnlyDictionary<string, double> Propose(SearchSpace space, IReadOnlyList<TrialRecord> trials)
    {
        var random = ProposalRandom.For(seed, trials.Count);
        return space.Parameters.ToDictionary(p => p.Key, p => Draw(p.Distribution, random));
    }

    /// <summary>One draw from <paramref name="distribution"/> (its only value when it has one); TPE draws its first trials this way too.</summary>
    internal static double Draw(Distribution distribution, Random random)
    {
        switch (distribution)
        {
            case FloatDistribution { Log: true } f:
                return Math.Clamp(Math.Exp(Uniform(random, Math.Log(f.Low), Math.Log(f.High))), f.Low, f.High);
            case FloatDistribution f:
                return Uniform(random, f.Low, f.High);
            case IntDistribution { Log: true } i:
                return Math.Clamp(Math.Round(Math.Exp(Uniform(random, Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5)))), i.Low, i.High);
            case IntDistribution i:
                return OnGrid(i, Uniform(random, i.Low - 0.5 * i.Step, i.High + 0.5 * i.Step));
            case CategoricalDistribution c:
                return random.Next(c.Choices.Count);
            default:
                throw new ArgumentOutOfRangeException(nameof(distribution), distribution, "Unknown distribution.");
        }
    }

    /// <summary>A continuous value rounded to the nearest point of an integer grid and kept inside it (Optuna's untransform).</summary>
    internal static double OnGrid(IntDistribution distribution, double value) =>
        Math.Clamp(Math.Round((value - distribution.Low) / distribution.Step) * distribution.Step + distribution.Low, distribution.Low, distribution.High);

    private static double Uniform(Random random, double low, double high) => low + (high - low) * random.NextDouble();
}
