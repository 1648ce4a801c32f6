using Mlops.Config.Overrides;
using Mlops.Config.Tree;

namespace Mlops.Config.Tests;

/// <summary>Hydra's documented override grammar, case by case, plus the cases where we deliberately accept more.</summary>
public sealed class OverrideParserTests
{
    [Theory]
    [InlineData("a=1", OverrideKind.Change, "a", ScalarKind.Int, "1")]
    [InlineData("a=-3", OverrideKind.Change, "a", ScalarKind.Int, "-3")]
    [InlineData("a=1.5", OverrideKind.Change, "a", ScalarKind.Float, "1.5")]
    [InlineData("training.lr=1e-05", OverrideKind.Change, "training.lr", ScalarKind.Float, "1e-05")]
    [InlineData("a=3e-5", OverrideKind.Change, "a", ScalarKind.Float, "3e-5")]
    [InlineData("a=inf", OverrideKind.Change, "a", ScalarKind.Float, "inf")]
    [InlineData("a=true", OverrideKind.Change, "a", ScalarKind.Bool, "true")]
    [InlineData("a=False", OverrideKind.Change, "a", ScalarKind.Bool, "False")]
    [InlineData("a=null", OverrideKind.Change, "a", ScalarKind.Null, "null")]
    [InlineData("a=abc", OverrideKind.Change, "a", ScalarKind.String, "abc")]
    [InlineData("a=1_1_1", OverrideKind.Change, "a", ScalarKind.String, "1_1_1")]
    [InlineData("a='1'", OverrideKind.Change, "a", ScalarKind.String, "1")]
    [InlineData("a=\"true\"", OverrideKind.Change, "a", ScalarKind.String, "true")]
    [InlineData("a='a, b'", OverrideKind.Change, "a", ScalarKind.String, "a, b")]
    [InlineData("a='it\\'s'", OverrideKind.Change, "a", ScalarKind.String, "it's")]
    [InlineData("a=hello world", OverrideKind.Change, "a", ScalarKind.String, "hello world")]
    [InlineData("a=  padded  ", OverrideKind.Change, "a", ScalarKind.String, "padded")]
    [InlineData("a=", OverrideKind.Change, "a", ScalarKind.String, "")]
    [InlineData("a=x*y%z@w#v", OverrideKind.Change, "a", ScalarKind.String, "x*y%z@w#v")]
    [InlineData("a=héllo wörld 👍", OverrideKind.Change, "a", ScalarKind.String, "héllo wörld 👍")]
    [InlineData("a=x=y", OverrideKind.Change, "a", ScalarKind.String, "x=y")]
    [InlineData("a=s3://bucket/key", OverrideKind.Change, "a", ScalarKind.String, "s3://bucket/key")]
    [InlineData("a=one\\,two", OverrideKind.Change, "a", ScalarKind.String, "one,two")]
    [InlineData("a=f(x)", OverrideKind.Change, "a", ScalarKind.String, "f(x)")]
    [InlineData("a=${b.c}", OverrideKind.Change, "a", ScalarKind.String, "${b.c}")]
    [InlineData("a=${oc.env:HOME,/tmp}", OverrideKind.Change, "a", ScalarKind.String, "${oc.env:HOME,/tmp}")]
    [InlineData("a=run-${now:%H-%M},x", OverrideKind.Change, "a", ScalarKind.String, "", true)]
    [InlineData("+a.b=1", OverrideKind.Add, "a.b", ScalarKind.Int, "1")]
    [InlineData("++a=x", OverrideKind.ForceAdd, "a", ScalarKind.String, "x")]
    [InlineData("~a=1", OverrideKind.Delete, "a", ScalarKind.Int, "1")]
    [InlineData("model=minilm", OverrideKind.Change, "model", ScalarKind.String, "minilm")]
    [InlineData("model/encoder=small", OverrideKind.Change, "model/encoder", ScalarKind.String, "small")]
    [InlineData("a-b.c_d=1", OverrideKind.Change, "a-b.c_d", ScalarKind.Int, "1")]
    public void Scalar_overrides_parse_to_kind_key_and_typed_value(string text, OverrideKind kind, string key, ScalarKind valueKind, string value, bool sweep = false)
    {
        var o = OverrideParser.Parse(text);

        Assert.Equal(kind, o.Kind);
        Assert.Equal(key, o.Key);
        Assert.Equal(sweep, o.IsSweep);
        if (sweep) return;
        var scalar = Assert.IsType<ConfigScalar>(o.Value!.Node);
        Assert.Equal(valueKind, scalar.Kind);
        Assert.Equal(value, scalar.Text);
    }

    [Fact]
    public void Bare_delete_has_no_value()
    {
        var o = OverrideParser.Parse("~training.limit_val_batches");

        Assert.Equal(OverrideKind.Delete, o.Kind);
        Assert.Equal("training.limit_val_batches", o.Key);
        Assert.Empty(o.Values);
    }

    [Fact]
    public void Lists_and_maps_nest()
    {
        var list = Assert.IsType<ConfigList>(OverrideParser.Parse("a=[1, 'x,y', [true, null], {k: v}]").Value!.Node);

        Assert.Equal(4, list.Items.Count);
        Assert.Equal(ScalarKind.Int, ((ConfigScalar)list.Items[0]).Kind);
        Assert.Equal("x,y", ((ConfigScalar)list.Items[1]).Text);
        var inner = Assert.IsType<ConfigList>(list.Items[2]);
        Assert.Equal([ScalarKind.Bool, ScalarKind.Null], inner.Items.Cast<ConfigScalar>().Select(s => s.Kind));
        Assert.Equal("v", ((ConfigScalar)((ConfigMap)list.Items[3])["k"]!).Text);

        var map = Assert.IsType<ConfigMap>(OverrideParser.Parse("a={lr: 1e-3, layers: [2, 4]}").Value!.Node);
        Assert.Equal(ScalarKind.Float, ((ConfigScalar)map["lr"]!).Kind);
        Assert.Equal(2, ((ConfigList)map["layers"]!).Items.Count);

        Assert.Empty(Assert.IsType<ConfigList>(OverrideParser.Parse("a=[]").Value!.Node).Items);
        Assert.Equal(0, Assert.IsType<ConfigMap>(OverrideParser.Parse("a={}").Value!.Node).Count);
    }

    [Theory]
    [InlineData("a=1,2,3", new[] { "1", "2", "3" })]
    [InlineData("a=1e-5, 3e-5 ,5e-5", new[] { "1e-5", "3e-5", "5e-5" })]
    [InlineData("model=tiny,minilm", new[] { "tiny", "minilm" })]
    [InlineData("a=[1,2],[3]", new[] { "[1,2]", "[3]" })]
    [InlineData("a='x,y',z", new[] { "'x,y'", "z" })]
    [InlineData("a=choice(x, y)", new[] { "x", "y" })]
    [InlineData("a=range(1,4)", new[] { "1", "2", "3" })]
    [InlineData("a=range(5, 1, -2)", new[] { "5", "3" })]
    [InlineData("a=range(0, 1, 0.25)", new[] { "0.0", "0.25", "0.5", "0.75" })]
    [InlineData("a=range(0.1, 0.4, 0.1)", new[] { "0.1", "0.2", "0.3" })]
    public void Sweeps_list_their_values_as_written(string text, string[] values)
    {
        var o = OverrideParser.Parse(text);

        Assert.True(o.IsSweep);
        Assert.Equal(values, o.Values.Select(v => v.Text));
    }

    [Fact]
    public void Range_of_ints_yields_ints_and_of_floats_yields_floats()
    {
        Assert.All(OverrideParser.Parse("a=range(0,3)").Values, v => Assert.Equal(ScalarKind.Int, ((ConfigScalar)v.Node).Kind));
        Assert.All(OverrideParser.Parse("a=range(0,1,0.5)").Values, v => Assert.Equal(ScalarKind.Float, ((ConfigScalar)v.Node).Kind));
    }

    [Theory]
    [InlineData("=1", 1, "expected a key")]
    [InlineData("training.lr", 12, "expected '='")]
    [InlineData("a=[1,2", 7, "expected ']'")]
    [InlineData("a=x]", 4, "unexpected ']'")]
    [InlineData("a=x[0]", 4, "unexpected '['")]
    [InlineData("a='abc", 3, "unterminated quoted string")]
    [InlineData("a=${b.c", 3, "unterminated interpolation")]
    [InlineData("db@pkg=x", 3, "package overrides")]
    [InlineData("a b=1", 2, "a key is names")]
    [InlineData("a=range(1)", 9, "range() takes numbers")]
    [InlineData("a=range(1,5,0)", 9, "step must not be 0")]
    [InlineData("a={x 1}", 7, "expected ':'")]
    public void Malformed_overrides_fail_with_a_caret_under_the_column(string text, int column, string what)
    {
        var error = Assert.Throws<ConfigException>(() => OverrideParser.Parse(text));

        Assert.Contains(what, error.Message);
        Assert.Contains($"(column {column})", error.Message);
        var lines = error.Message.Split('\n');
        Assert.Equal("  " + text, lines[1]);
        Assert.Equal(column + 1, lines[2].IndexOf('^'));
    }
}
