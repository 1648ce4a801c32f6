using Mlops.Config.Overrides;
using Mlops.Config.Tree;
using Mlops.Core;

namespace Mlops.Config.Composition;

/// <summary>
/// Composes a config the way Hydra does, in one fixed, documented order:
/// <list type="number">
/// <item>the baseline (the program's own defaults), if any;</item>
/// <item>the primary config's <c>defaults</c> list, entry by entry: <c>group: option</c> merges <c>group/option.yaml</c>
/// under the key <c>group</c>, a bare name merges that file in place, and <c>_self_</c> merges the file's own keys
/// (last when not listed, so a file's own values win over its defaults);</item>
/// <item>group overrides (<c>model=minilm</c>, <c>+tracking=file</c>, <c>~tracking</c>) change the choices above;</item>
/// <item>value overrides (<c>training.lr=3e-5</c>) apply last, left to right.</item>
/// </list>
/// Group options may hold defaults lists of their own (relative groups, or absolute ones with a leading '/').
/// </summary>
public sealed class ConfigComposer(ConfigDirectory directory)
{
    public const string SelfEntry = "_self_";
    private const string DefaultsKey = "defaults";

    public ConfigDirectory Directory { get; } = directory;

    public ComposedConfig Compose(string primary, IReadOnlyList<Override> overrides, ConfigMap? baseline = null)
    {
        if (!Directory.HasConfig(primary))
            throw new ConfigException($"Primary config '{primary}' not found in '{Directory.Root}'.",
                $"Pass --config-dir with a folder that holds {primary}.yaml.");
        var byGroup = overrides.ToLookup(o => Directory.IsGroup(o.Key)); // one folder check per override
        var groupOverrides = byGroup[true].ToList();
        var state = new State(groupOverrides);
        var root = baseline?.Clone() ?? new ConfigMap();
        ComposeConfig(root, primary, "", state, []);

        foreach (var o in groupOverrides.Where(o => !state.Used.Contains(o)))
        {
            if (o.Kind is OverrideKind.Add or OverrideKind.ForceAdd)
                ComposeOption(root, o.Key, OptionOf(o)!, o.Key.Replace('/', '.'), state, []);
            else
                throw new ConfigException($"Could not {(o.Kind == OverrideKind.Delete ? "delete" : "override")} group '{o.Key}': the defaults list does not choose it.",
                    o.Kind == OverrideKind.Delete ? null : $"To add it use +{o.Text}.");
        }
        foreach (var o in byGroup[false]) OverrideApplier.Apply(root, o);
        return new ComposedConfig(root, state.Choices, overrides);
    }

    private void ComposeConfig(ConfigMap target, string name, string package, State state, List<string> stack)
    {
        if (stack.Contains(name))
            throw new ConfigException($"Defaults cycle: {string.Join(" -> ", stack.Append(name))}.", "Remove one of these entries from a defaults list.");
        stack.Add(name);
        var own = Directory.Load(name);
        var defaults = own[DefaultsKey];
        own.Remove(DefaultsKey);
        var entries = defaults switch
        {
            null => [],
            ConfigList list => list.Items,
            _ => throw new ConfigException($"'defaults' must be a list{defaults.At}, not {defaults.Describe()}."),
        };
        if (!entries.Any(IsSelf)) entries = [.. entries, ConfigScalar.String(SelfEntry)];
        var folder = name.Contains('/') ? name[..name.LastIndexOf('/')] : "";

        foreach (var entry in entries)
        {
            switch (entry)
            {
                case var self when IsSelf(self):
                    Merge(target, package, own);
                    break;
                case ConfigScalar { Kind: ScalarKind.String } include:
                    var included = folder.Length == 0 ? include.Text : $"{folder}/{include.Text}";
                    if (!Directory.HasConfig(included))
                        throw new ConfigException($"Could not find config '{included}' named in the defaults list{include.At}.");
                    ComposeConfig(target, included, package, state, stack);
                    break;
                case ConfigMap { Count: 1 } choice:
                    ComposeGroupEntry(target, choice, folder, package, state, stack);
                    break;
                default:
                    throw new ConfigException($"Unsupported defaults entry{entry.At}: {entry.Describe()}.",
                        "An entry is 'group: option', a config name, or _self_.");
            }
        }
        stack.RemoveAt(stack.Count - 1);
    }

    private void ComposeGroupEntry(ConfigMap target, ConfigMap entry, string folder, string package, State state, List<string> stack)
    {
        var (key, value) = entry.Entries.Single();
        var optional = key.StartsWith("optional ", StringComparison.Ordinal);
        var group = optional ? key["optional ".Length..].Trim() : key;
        if (group.StartsWith("override ", StringComparison.Ordinal) || group.Contains('@'))
            throw new ConfigException($"Defaults entry '{key}'{value.At} is not supported.", "Use 'group: option' entries; override choices on the command line.");
        var fullGroup = group.StartsWith('/') ? group[1..] : folder.Length == 0 ? group : $"{folder}/{group}";
        var groupPackage = group.StartsWith('/') ? fullGroup.Replace('/', '.') : ConfigPath.Join(package, group.Replace('/', '.'));

        var option = ConfigScalar.TextOf(value);
        if (state.Overrides.FirstOrDefault(o => o.Key == fullGroup) is { } o)
        {
            state.Used.Add(o);
            if (o.Kind == OverrideKind.Add)
                throw new ConfigException($"Could not add group '{fullGroup}': the defaults list already chooses '{option}'{value.At}.",
                    $"Drop the '+' to change it: {o.Text[1..]}.");
            option = o.Kind == OverrideKind.Delete ? null : OptionOf(o);
        }
        if (option is null) return;
        if (option == ScalarLiteral.MissingMarker)
            throw new ConfigException($"No option chosen for group '{fullGroup}'{value.At}.",
                $"Pick one on the command line, e.g. {fullGroup}={Directory.Options(fullGroup).FirstOrDefault() ?? "<option>"}. Available: {string.Join(", ", Directory.Options(fullGroup))}.");
        if (optional && !Directory.HasConfig($"{fullGroup}/{option}")) return;
        ComposeOption(target, fullGroup, option, groupPackage, state, stack);
    }

    private void ComposeOption(ConfigMap target, string group, string option, string package, State state, List<string> stack)
    {
        if (!Directory.HasConfig($"{group}/{option}"))
        {
            var options = Directory.Options(group);
            throw new ConfigException($"Could not find '{group}/{option}'.",
                options.Count == 0 ? $"'{group}' has no options in '{Directory.Root}'." : Suggestions.Hint($"options in '{group}'", option, options));
        }
        state.Choices[group] = option;
        ComposeConfig(target, $"{group}/{option}", package, state, stack);
    }

    private static string? OptionOf(Override o) => o.Value?.Node switch
    {
        ConfigScalar { Kind: ScalarKind.Null } => null,
        ConfigScalar s => s.Text,
        null when o.IsSweep => throw o.SweepOutsideMultirun(),
        var other => throw new ConfigException($"Group '{o.Key}' takes an option name, not {other?.Describe() ?? "nothing"} (override '{o.Text}')."),
    };

    private static void Merge(ConfigMap target, string package, ConfigMap values)
    {
        if (package.Length == 0)
        {
            target.MergeFrom(values);
            return;
        }
        var parent = ConfigPath.Parent(target, package, create: true, out var key)
            ?? throw new ConfigException($"Cannot merge a config at '{package}': a parent of it holds a value, not a mapping.");
        if (parent[key] is ConfigMap existing) existing.MergeFrom(values);
        else parent[key] = values.Clone();
    }

    private static bool IsSelf(ConfigNode node) => node is ConfigScalar { Text: SelfEntry };

    private sealed class State(List<Override> overrides)
    {
        public List<Override> Overrides { get; } = overrides;
        public HashSet<Override> Used { get; } = new(ReferenceEqualityComparer.Instance);
        public Dictionary<string, string> Choices { get; } = [];
    }
}
