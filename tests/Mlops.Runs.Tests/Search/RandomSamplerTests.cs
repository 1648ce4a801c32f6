using Mlops.Runs.Search;

namespace Mlops.Runs.Tests.Search;

/// <summary>Random search draws inside every distribution, on its scale, the same way for the same seed and history.</summary>
public sealed class RandomSamplerTests
{
    internal static readonly SearchSpace Mixed = new([
        new SearchParameter("training.lr", new FloatDistribution(1e-5, 1e-1, Log: true)),
        new SearchParameter("training.dropout", new FloatDistribution(0.1, 0.5)),
        new SearchParameter("data.batch_size", new IntDistribution(8, 64, Step: 8)),
        new SearchParameter("model.layers", new IntDistribution(1, 32, Log: true)),
        new SearchParameter("model", new CategoricalDistribution(["tiny", "mini", "small"])),
    ]);

    private static List<IReadOnlyDictionary<string, double>> Draws(int seed, int count)
    {
        var sampler = new RandomSampler(seed);
        var history = new List<TrialRecord>();
        for (var i = 0; i < count; i++)
            history.Add(new TrialRecord(i, sampler.Propose(Mixed, history), TrialState.Complete, 0));
        return [.. history.Select(t => t.Params)];
    }

    [Fact]
    public void Every_draw_lies_in_its_distribution_and_every_grid_point_and_choice_comes_up()
    {
        var draws = Draws(seed: 3, count: 2000);
        foreach (var draw in draws)
            foreach (var parameter in Mixed.Parameters)
                Assert.True(parameter.Distribution.Contains(draw[parameter.Key]), $"{parameter.Key}={draw[parameter.Key]}");
        Assert.Equal([8, 16, 24, 32, 40, 48, 56, 64], draws.Select(d => d["data.batch_size"]).Distinct().Order());
        Assert.Equal([0, 1, 2], draws.Select(d => d["model"]).Distinct().Order());
        Assert.Equal(32, draws.Select(d => d["model.layers"]).Distinct().Count());
    }

    [Fact]
    public void A_log_parameter_is_uniform_in_its_logarithm_and_a_linear_one_in_itself()
    {
        var draws = Draws(seed: 5, count: 4000);
        // 1e-3 is the middle of [1e-5, 1e-1] in log space; 0.3 the middle of [0.1, 0.5].
        Assert.InRange(draws.Count(d => d["training.lr"] < 1e-3) / 4000.0, 0.46, 0.54);
        Assert.InRange(draws.Count(d => d["training.dropout"] < 0.3) / 4000.0, 0.46, 0.54);
        // Uniform on the log scale gives the decade [1e-5, 1e-4] a quarter of the draws, not the 0.01 % a linear draw would.
        Assert.InRange(draws.Count(d => d["training.lr"] < 1e-4) / 4000.0, 0.21, 0.29);
    }

    [Fact]
    public void The_same_seed_and_history_give_the_same_draws_and_another_seed_others()
    {
        Assert.Equal(Draws(7, 20).Select(d => d["training.lr"]), Draws(7, 20).Select(d => d["training.lr"]));
        Assert.NotEqual(Draws(7, 20).Select(d => d["training.lr"]), Draws(8, 20).Select(d => d["training.lr"]));
    }

    [Fact]
    public void A_single_valued_parameter_gets_its_value()
    {
        var space = new SearchSpace([new SearchParameter("a", new FloatDistribution(0.5, 0.5)), new SearchParameter("b", new IntDistribution(4, 4, Log: true))]);
        var draw = new RandomSampler(1).Propose(space, []);
        Assert.Equal(0.5, draw["a"]);
        Assert.Equal(4, draw["b"]);
    }
}
