using Mlops.Config.Tree;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Mlops.Config.Yaml;

/// <summary>
/// Writes a configuration tree as YAML that reads back to the same tree: strings that would otherwise be
/// typed as numbers, booleans or null are quoted, and short lists of scalars use the flow style <c>[a, b]</c>.
/// </summary>
public static class YamlConfigWriter
{
    public static string Write(ConfigNode node)
    {
        if (node is ConfigMap { Count: 0 }) return "{}\n";
        var stream = new YamlStream(new YamlDocument(ToYaml(node)));
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static YamlNode ToYaml(ConfigNode node) => node switch
    {
        ConfigMap map => new YamlMappingNode(map.Entries.Select(e =>
            new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(e.Key), ToYaml(e.Value)))),
        ConfigList list => new YamlSequenceNode(list.Items.Select(ToYaml))
        {
            Style = list.Items.All(i => i is ConfigScalar) ? SequenceStyle.Flow : SequenceStyle.Block,
        },
        ConfigScalar { Kind: ScalarKind.String } s => new YamlScalarNode(s.Text)
        {
            Style = ScalarLiteral.Infer(s.Text) == ScalarKind.String ? ScalarStyle.Any : ScalarStyle.DoubleQuoted,
        },
        ConfigScalar s => new YamlScalarNode(s.Text) { Style = ScalarStyle.Plain },
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
