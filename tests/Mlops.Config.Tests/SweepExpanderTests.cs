using Mlops.Config.Multirun;
using Mlops.Config.Overrides;

namespace Mlops.Config.Tests;

public sealed class SweepExpanderTests
{
    [Fact]
    public void Cartesian_product_with_the_first_override_varying_slowest()
    {
        var jobs = SweepExpander.Expand(OverrideParser.ParseAll(["training.lr=1e-5,3e-5,5e-5", "seed=1", "model=tiny,minilm"]));

        Assert.Equal(6, jobs.Count);
        Assert.Equal(["training.lr=1e-5", "seed=1", "model=tiny"], jobs[0].Select(o => o.Text));
        Assert.Equal(["training.lr=1e-5", "seed=1", "model=minilm"], jobs[1].Select(o => o.Text));
        Assert.Equal(["training.lr=5e-5", "seed=1", "model=minilm"], jobs[5].Select(o => o.Text));
        Assert.All(jobs.SelectMany(j => j), o => Assert.False(o.IsSweep));
    }

    [Fact]
    public void No_sweep_is_one_job()
    {
        Assert.Single(SweepExpander.Expand(OverrideParser.ParseAll(["a=1"])));
        Assert.Single(SweepExpander.Expand([]));
    }

    [Fact]
    public void Sweeps_that_explode_are_refused()
    {
        var error = Assert.Throws<ConfigException>(() => SweepExpander.Expand(OverrideParser.ParseAll(["a=range(0,100)", "b=range(0,100)"])));

        Assert.Contains("more than 1000 jobs", error.Message);
    }

    [Theory]
    [InlineData("model=tiny,training.lr=3e-5", "model=tiny,training.lr=3e-5")]
    [InlineData("data.dir=/tmp/a b", "data.dir=_tmp_a_b")]
    [InlineData("a=[1,2]", "a=_1,2_")]
    [InlineData("..", "_")]
    public void Job_names_are_folder_safe(string text, string name)
    {
        Assert.Equal(name, JobName.Sanitize(text));
    }
}
