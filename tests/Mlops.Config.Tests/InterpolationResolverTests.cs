using Mlops.Config.Interpolation;
using Mlops.Config.Tree;
using Mlops.Config.Yaml;

namespace Mlops.Config.Tests;

public sealed class InterpolationResolverTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 30, 5, TimeSpan.Zero);

    private static ConfigMap Resolve(string yaml, Dictionary<string, string>? env = null) =>
        InterpolationResolver.Resolve(YamlConfigReader.Read(yaml, "test.yaml"),
            new ResolverFunctions(Noon, name => env?.GetValueOrDefault(name)));

    private static ConfigScalar At(ConfigMap root, string path) => Assert.IsType<ConfigScalar>(ConfigPath.Find(root, path));

    [Fact]
    public void A_whole_value_interpolation_keeps_the_referenced_type()
    {
        var root = Resolve("training:\n  lr: 3e-5\n  epochs: 4\noptimizer:\n  lr: ${training.lr}\n  steps: ${training.epochs}\n");

        Assert.Equal((ScalarKind.Float, "3e-5"), (At(root, "optimizer.lr").Kind, At(root, "optimizer.lr").Text));
        Assert.Equal(ScalarKind.Int, At(root, "optimizer.steps").Kind);
    }

    [Fact]
    public void Text_around_interpolations_makes_a_string()
    {
        var root = Resolve("name: tiny\nepochs: 3\nrun: ${name}-e${epochs}.bin\n");

        Assert.Equal((ScalarKind.String, "tiny-e3.bin"), (At(root, "run").Kind, At(root, "run").Text));
    }

    [Fact]
    public void Relative_references_climb_from_the_key_that_holds_them()
    {
        var root = Resolve("a:\n  x: 1\n  b:\n    x: 2\n    self: ${.x}\n    parent: ${..x}\n");

        Assert.Equal("2", At(root, "a.b.self").Text);
        Assert.Equal("1", At(root, "a.b.parent").Text);
    }

    [Fact]
    public void Chains_and_nested_keys_resolve_in_any_order()
    {
        var root = Resolve("c: ${b}\nb: ${a}\na: 5\nchoice: small\nsizes:\n  small: 32\nwidth: ${sizes.${choice}}\n");

        Assert.Equal("5", At(root, "c").Text);
        Assert.Equal("32", At(root, "width").Text);
    }

    [Fact]
    public void A_reference_to_a_mapping_copies_it_resolved()
    {
        var root = Resolve("base:\n  lr: 1\n  name: ${.lr}\ncopy: ${base}\n");

        Assert.Equal("1", At(root, "copy.name").Text);
    }

    [Fact]
    public void Environment_variables_with_and_without_defaults()
    {
        var env = new Dictionary<string, string> { ["DATA"] = "/data/cola" };
        var root = Resolve("a: ${oc.env:DATA}\nb: ${oc.env:MISSING,fallback}\nc: ${oc.env:MISSING,null}\nd: ${env:DATA}/train\ne: ${oc.env:MISSING,'a,b'}\n", env);

        Assert.Equal("/data/cola", At(root, "a").Text);
        Assert.Equal("fallback", At(root, "b").Text);
        Assert.Equal(ScalarKind.Null, At(root, "c").Kind);
        Assert.Equal("/data/cola/train", At(root, "d").Text);
        Assert.Equal("a,b", At(root, "e").Text);
        var error = Assert.Throws<ConfigException>(() => Resolve("a: ${oc.env:MISSING}\n"));
        Assert.Contains("Environment variable 'MISSING' is not set (needed by 'a')", error.Message);
    }

    [Fact]
    public void Now_formats_one_instant_with_python_codes()
    {
        var root = Resolve("dir: outputs/${now:%Y-%m-%d}/${now:%H-%M-%S}\n");

        Assert.Equal("outputs/2026-11-25/12-30-05", At(root, "dir").Text);
        Assert.Throws<ConfigException>(() => Resolve("dir: ${now:%Q}\n"));
    }

    [Fact]
    public void Escaped_interpolation_stays_literal()
    {
        Assert.Equal("cost ${price}", At(Resolve("price: 3\na: cost \\${price}\n"), "a").Text);
    }

    [Fact]
    public void A_cycle_is_reported_with_its_path()
    {
        var error = Assert.Throws<ConfigException>(() => Resolve("a: ${b}\nb: ${c}\nc: ${a}\n"));

        Assert.Contains("Interpolation cycle: a -> b -> c -> a", error.Message);
        Assert.Throws<ConfigException>(() => Resolve("a: x${a}\n"));
    }

    [Fact]
    public void A_missing_reference_suggests_the_closest_key_and_names_the_file()
    {
        var error = Assert.Throws<ConfigException>(() => Resolve("training:\n  lr: 1\nx: ${training.lrr}\n"));

        Assert.Contains("refers to 'training.lrr', which does not exist", error.Message);
        Assert.Contains("test.yaml:3:4", error.Message);
        Assert.Equal("Did you mean 'training.lr'?", error.Hint);
    }

    [Fact]
    public void A_reference_to_a_mandatory_value_that_is_unset_fails()
    {
        var error = Assert.Throws<ConfigException>(() => Resolve("dir: ???\nx: ${dir}/a\n"));

        Assert.Contains("has no value yet", error.Message);
        Assert.Equal("Set it on the command line: dir=<value>.", error.Hint);
    }

    [Fact]
    public void An_unknown_resolver_lists_the_known_ones()
    {
        var error = Assert.Throws<ConfigException>(() => Resolve("x: ${oc.envv:HOME}\n"));

        Assert.Contains("Unknown resolver 'oc.envv'", error.Message);
        Assert.Contains("Did you mean 'oc.env'?", error.Hint);
    }

    [Fact]
    public void Malformed_interpolation_points_at_the_column()
    {
        var error = Assert.Throws<ConfigException>(() => Resolve("x: \"a ${b\"\n"));

        Assert.Contains("unterminated interpolation", error.Message);
        Assert.Contains("(column 3)", error.Message);
    }
}
