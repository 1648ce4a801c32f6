using Mlops.Config;
using Mlops.Core;
using Mlops.Runs.Search;

namespace Mlops.Runs.Tests.Search;

/// <summary>A search space refuses what no sampler can draw from, in one line naming the key, and formats values as overrides.</summary>
public sealed class SearchSpaceTests
{
    [Theory]
    [MemberData(nameof(BadParameters))]
    public void A_bad_parameter_is_refused_naming_its_key(Distribution distribution, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => new SearchSpace([new SearchParameter("training.lr", distribution)]));
        Assert.Equal(expected, error.Message);
        Assert.Equal(ExitCodes.ConfigError, error.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Hint));
        Assert.DoesNotContain('\n', error.Message);
    }

    public static TheoryData<Distribution, string> BadParameters() => new()
    {
        { new FloatDistribution(0.1, 0.01), "training.lr: interval(0.1, 0.01) has low > high" },
        { new FloatDistribution(0, 1, Log: true), "training.lr: tag(log, interval(0.0, 1.0)) is log-scaled but its low is not above 0" },
        { new FloatDistribution(double.NegativeInfinity, 1), "training.lr: interval(-.inf, 1.0) needs finite bounds" },
        { new IntDistribution(10, 1), "training.lr: range(10, 2) has low > high" },
        { new IntDistribution(1, 10, Step: 0), "training.lr: range(1, 10, 0) has step 0, not above 0" },
        { new IntDistribution(1, 10, Step: 4), "training.lr: range(1, 14, 4): high - low is not a multiple of the step 4" },
        { new IntDistribution(0, 8, Log: true), "training.lr: tag(log, range(0, 9)) is log-scaled but its low is not above 0" },
        { new IntDistribution(1, 9, Step: 2, Log: true), "training.lr: tag(log, range(1, 11, 2)) has step 2, but a log scale takes every integer" },
        { new CategoricalDistribution([]), "training.lr: choice() has no choices" },
    };

    [Fact]
    public void The_hint_of_reversed_bounds_writes_them_the_right_way_round()
    {
        var error = Assert.Throws<ConfigException>(() => new SearchSpace([new SearchParameter("training.lr", new FloatDistribution(0.1, 0.01))]));
        Assert.Contains("interval(0.01, 0.1)", error.Hint);
    }

    [Fact]
    public void An_empty_space_is_refused_with_an_example_declaration()
    {
        var error = Assert.Throws<ConfigException>(() => new SearchSpace([]));
        Assert.Equal("the search space is empty", error.Message);
        Assert.Contains("training.lr=", error.Hint);
    }

    [Fact]
    public void A_key_searched_twice_is_refused()
    {
        var error = Assert.Throws<ConfigException>(() => new SearchSpace(
            [new SearchParameter("training.lr", new FloatDistribution(0, 1)), new SearchParameter("training.lr", new FloatDistribution(1, 2))]));
        Assert.StartsWith("training.lr:", error.Message);
    }

    [Fact]
    public void Values_become_overrides_that_parse_back_to_the_same_values()
    {
        var space = new SearchSpace([
            new SearchParameter("training.lr", new FloatDistribution(1e-5, 1e-3, Log: true)),
            new SearchParameter("training.warmup", new FloatDistribution(0, 1)),
            new SearchParameter("data.batch_size", new IntDistribution(8, 64, Step: 8)),
            new SearchParameter("model", new CategoricalDistribution(["tiny", "minilm"])),
        ]);
        var lr = 3e-5;
        var overrides = space.ToOverrides(new Dictionary<string, double>
        {
            ["training.lr"] = lr,
            ["training.warmup"] = 1.0,
            ["data.batch_size"] = 24,
            ["model"] = 1,
        });
        Assert.Equal(["training.lr=3E-05", "training.warmup=1.0", "data.batch_size=24", "model=minilm"], overrides);
        Assert.Equal(lr, double.Parse(overrides[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.1234567890123, double.Parse(new FloatDistribution(0, 1).Format(0.1234567890123), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_value_off_an_integer_grid_or_outside_the_choices_is_not_contained()
    {
        Assert.True(new IntDistribution(8, 64, Step: 8).Contains(16));
        Assert.False(new IntDistribution(8, 64, Step: 8).Contains(20));
        Assert.False(new IntDistribution(8, 64, Step: 8).Contains(72));
        Assert.False(new CategoricalDistribution(["a", "b"]).Contains(2));
        Assert.False(new FloatDistribution(0, 1).Contains(double.NaN));
    }
}
