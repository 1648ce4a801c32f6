using System.Text.RegularExpressions;
using Mlops.Config.Tree;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mlops.Config.Yaml;

/// <summary>
/// Parses YAML text into a <see cref="ConfigMap"/> with YamlDotNet, keeping each node's file:line:column.
/// Plain scalars are typed by the core schema; quoted scalars are always strings.
/// </summary>
public static partial class YamlConfigReader
{
    public static ConfigMap Read(string text, string origin)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"YAML syntax error at {origin}:{e.Start.Line}:{e.Start.Column}: {WithoutPosition(e)}",
                "Fix the YAML at that position; quote values that contain ': ' or start with '{', '[', '*', '&' or '!'.", e);
        }
        return stream.Documents.Count switch
        {
            0 => new ConfigMap(new SourceLocation(origin)),
            1 => stream.Documents[0].RootNode switch
            {
                YamlMappingNode map => (ConfigMap)Convert(map, origin),
                YamlScalarNode { Value: null or "" } empty => new ConfigMap(Location(empty, origin)),
                var other => throw new ConfigException($"{Location(other, origin)}: a config file must hold a mapping of keys to values, not {Kind(other)}."),
            },
            _ => throw new ConfigException($"'{origin}' holds {stream.Documents.Count} YAML documents; a config file holds one.",
                "Remove the '---' separators or split the file."),
        };
    }

    private static ConfigNode Convert(YamlNode node, string origin)
    {
        var source = Location(node, origin);
        switch (node)
        {
            case YamlMappingNode mapping:
                var map = new ConfigMap(source);
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
                        throw new ConfigException($"{Location(keyNode, origin)}: keys must be plain names, not {Kind(keyNode)}.");
                    map[key] = Convert(valueNode, origin);
                }
                return map;
            case YamlSequenceNode sequence:
                return new ConfigList(sequence.Children.Select(c => Convert(c, origin)), source);
            case YamlScalarNode scalar when scalar.Style is ScalarStyle.Plain or ScalarStyle.Any:
                return ConfigScalar.Plain(scalar.Value ?? "", source);
            case YamlScalarNode scalar:
                return ConfigScalar.String(scalar.Value ?? "", source);
            default:
                throw new ConfigException($"{source}: unsupported YAML node {Kind(node)}.");
        }
    }

    private static SourceLocation Location(YamlNode node, string origin) => new(origin, (int)node.Start.Line, (int)node.Start.Column);

    private static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"the value '{s.Value}'",
        _ => node.NodeType.ToString(),
    };

    private static string WithoutPosition(YamlException e) => PositionPrefix().Replace(e.Message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
