using Mlops.Config.Hosting;
using Mlops.Cli.Configuration;
using Mlops.Config;
using Mlops.Config.Composition;
using Mlops.Config.Overrides;
using Mlops.Config.Tree;

namespace Mlops.Cli.Tests.Hints;

/// <summary>
/// The config keys and group choices a user can name today: the shipped configs composed by the project's own
/// engine (with the program's <c>mlops</c> defaults as baseline) once per option of every group, keys flattened.
/// </summary>
public sealed class ConfigSchemaCatalog
{
    private ConfigSchemaCatalog(HashSet<string> keys, Dictionary<string, IReadOnlyList<string>> groups)
    {
        Keys = keys;
        Groups = groups;
        Sections = keys.Where(k => !k.Contains('.')).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every dotted key of every composition: "data.dir", "mlops.run.dir", "training" (maps too).</summary>
    public IReadOnlySet<string> Keys { get; }

    /// <summary>Group to its options: "model" to tiny and minilm.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Groups { get; }

    /// <summary>The top-level keys: "model", "data", ..., "mlops".</summary>
    public IReadOnlySet<string> Sections { get; }

    public static ConfigSchemaCatalog Compose(string configDir, string primary = "config")
    {
        var directory = new ConfigDirectory(configDir);
        var composer = new ConfigComposer(directory);
        var groups = Directory.EnumerateDirectories(configDir)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(directory.IsGroup)
            .ToDictionary(g => g, directory.Options, StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        keys.UnionWith(ConfigPath.All(composer.Compose(primary, [], FrameworkDefaults.Create()).Root));
        foreach (var (group, options) in groups)
        {
            foreach (var option in options)
                keys.UnionWith(ConfigPath.All(ComposeWith(composer, primary, group, option).Root));
        }
        return new ConfigSchemaCatalog(keys, groups);
    }

    /// <summary>The config with <paramref name="group"/> set to <paramref name="option"/>, or added when the defaults list does not choose the group.</summary>
    private static ComposedConfig ComposeWith(ConfigComposer composer, string primary, string group, string option)
    {
        try
        {
            return composer.Compose(primary, [OverrideParser.Parse($"{group}={option}")], FrameworkDefaults.Create());
        }
        catch (ConfigException)
        {
            return composer.Compose(primary, [OverrideParser.Parse($"+{group}={option}")], FrameworkDefaults.Create());
        }
    }
}
