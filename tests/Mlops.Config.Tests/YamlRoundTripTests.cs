using Mlops.Config.Tree;
using Mlops.Config.Yaml;

namespace Mlops.Config.Tests;

public sealed class YamlRoundTripTests
{
    [Fact]
    public void Written_yaml_reads_back_to_the_same_kinds_and_texts()
    {
        var original = YamlConfigReader.Read("""
            a: 1
            b: 5e-5
            c: 'true'
            d: '1_1_1'
            e: "42"
            f: null
            g: [1, 'x', 2.5]
            h:
              nested: {k: v}
              list_of_maps:
                - x: 1
            i: ''
            j: 'has: colon'
            k: '???'
            l: ???
            m: héllo
            """, "t.yaml");

        var text = YamlConfigWriter.Write(original);
        var copy = YamlConfigReader.Read(text, "copy.yaml");

        Assert.Equal(Flatten(original), Flatten(copy));
        Assert.Contains("g: [1, x, 2.5]", text);
    }

    [Fact]
    public void An_empty_map_writes_as_braces()
    {
        Assert.Equal("{}\n", YamlConfigWriter.Write(new ConfigMap()));
    }

    private static List<(string, ScalarKind, string)> Flatten(ConfigNode root) =>
        [.. ConfigPath.All(root).Select(p => (Path: p, Node: ConfigPath.Find(root, p)))
            .Where(x => x.Node is ConfigScalar).Select(x => (x.Path, ((ConfigScalar)x.Node!).Kind, ((ConfigScalar)x.Node!).Text))];
}
