using Mlops.Config.Tree;
using Mlops.Config.Yaml;

namespace Mlops.Config.Hosting;

/// <summary>A config as the hosts print it (<c>--cfg</c>, <c>mlops config show</c>): YAML headed by the group choices, optionally one package (sub-tree).</summary>
public static class ConfigText
{
    public static string Format(IReadOnlyDictionary<string, string> choices, ConfigNode tree, string? package = null)
    {
        if (package is not null)
            tree = ConfigPath.Find(tree, package) ?? throw new ConfigException($"No key '{package}' in the config.",
                ConfigPath.Closest(tree, package) is { } closest ? $"Did you mean '{closest}'?" : "Run `mlops config show` to list the keys.");
        var header = $"# choices: {string.Join(", ", choices.Select(c => $"{c.Key}={c.Value}"))}\n";
        return header + (tree is ConfigScalar s ? s.Text + "\n" : YamlConfigWriter.Write(tree));
    }
}
