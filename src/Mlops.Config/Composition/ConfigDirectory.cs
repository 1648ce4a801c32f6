using Mlops.Config.Tree;
using Mlops.Config.Yaml;

namespace Mlops.Config.Composition;

/// <summary>
/// A folder of YAML configs: <c>config.yaml</c> at the top and one sub-folder per config group
/// (<c>model/tiny.yaml</c>, <c>model/minilm.yaml</c>). Names are relative paths without the extension.
/// </summary>
public sealed class ConfigDirectory(string root)
{
    private static readonly string[] Extensions = [".yaml", ".yml"];

    public string Root { get; } = root;

    public bool HasConfig(string name) => FindFile(name) is not null;

    /// <summary>A group is a sub-folder holding YAML files (so a run folder's <c>model/</c> weights are not a group).</summary>
    public bool IsGroup(string group) => Options(group).Count > 0;

    /// <summary>The options of a group: its YAML files, by name, sorted.</summary>
    public IReadOnlyList<string> Options(string group) => !Directory.Exists(Path.Combine(Root, group)) ? [] :
        [.. Directory.EnumerateFiles(Path.Combine(Root, group))
            .Where(f => Extensions.Contains(Path.GetExtension(f)))
            .Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    /// <summary>Loads a config by name; synchronous because composing reads a handful of small files (see the compose benchmark).</summary>
    public ConfigMap Load(string name)
    {
        var path = FindFile(name) ?? throw new ConfigException($"Config '{name}' not found in '{Root}'.");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"Cannot read config file '{path}': {e.Message}", null, e);
        }
        return YamlConfigReader.Read(text, path);
    }

    private string? FindFile(string name) =>
        Extensions.Select(e => Path.Combine(Root, name + e)).FirstOrDefault(File.Exists);
}
