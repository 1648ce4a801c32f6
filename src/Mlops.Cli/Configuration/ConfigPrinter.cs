using Mlops.Config;
using Mlops.Config.Tree;
using Mlops.Config.Yaml;
using Spectre.Console;

namespace Mlops.Cli.Configuration;

/// <summary>Prints a config as YAML, headed by the group choices, optionally just one package (sub-tree).</summary>
public static class ConfigPrinter
{
    public static void Write(IAnsiConsole console, IReadOnlyDictionary<string, string> choices, ConfigNode tree, string? package = null)
    {
        if (package is not null)
            tree = ConfigPath.Find(tree, package) ?? throw new ConfigException($"No key '{package}' in the config.",
                ConfigPath.Closest(tree, package) is { } closest ? $"Did you mean '{closest}'?" : "Run `mlops config show` to list the keys.");
        var header = $"# choices: {string.Join(", ", choices.Select(c => $"{c.Key}={c.Value}"))}\n";
        console.Profile.Out.Writer.Write(header + (tree is ConfigScalar s ? s.Text + "\n" : YamlConfigWriter.Write(tree)));
    }
}
