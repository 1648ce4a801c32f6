using System.Text;
using Mlops.Config.Tree;
using Mlops.Core;

namespace Mlops.Config.Interpolation;

/// <summary>
/// Replaces every <c>${...}</c> in a tree with its value and returns the resolved copy. A value that is a
/// single interpolation keeps the referenced type (<c>lr: ${training.lr}</c> stays a float); mixed text
/// becomes a string. References resolve against the unresolved tree, in any order, with cycle detection.
/// </summary>
public sealed class InterpolationResolver
{
    private readonly ConfigMap _root;
    private readonly ResolverFunctions _functions;
    private readonly Dictionary<string, ConfigNode> _resolved = new(StringComparer.Ordinal);
    private readonly List<string> _resolving = [];

    private InterpolationResolver(ConfigMap root, ResolverFunctions functions)
    {
        _root = root;
        _functions = functions;
    }

    public static ConfigMap Resolve(ConfigMap root, ResolverFunctions functions) =>
        (ConfigMap)new InterpolationResolver(root, functions).ResolveNode(root, "");

    private ConfigNode ResolveNode(ConfigNode node, string path)
    {
        switch (node)
        {
            case ConfigMap map:
                var resolvedMap = new ConfigMap(map.Source);
                foreach (var (key, child) in map.Entries) resolvedMap[key] = ResolveNode(child, ConfigPath.Join(path, key));
                return resolvedMap;
            case ConfigList list:
                return new ConfigList(list.Items.Select((item, i) => ResolveNode(item, ConfigPath.Join(path, i.ToString()))), list.Source);
            case ConfigScalar { IsInterpolation: true } scalar:
                return ResolveScalar(scalar, path);
            case ConfigScalar scalar when scalar.Kind == ScalarKind.String && scalar.Text.Contains("\\${", StringComparison.Ordinal):
                return ConfigScalar.String(scalar.Text.Replace("\\${", "${", StringComparison.Ordinal), scalar.Source);
            default:
                return node;
        }
    }

    private ConfigNode ResolveScalar(ConfigScalar scalar, string path)
    {
        if (_resolved.TryGetValue(path, out var done)) return done;
        if (_resolving.Contains(path))
            throw new ConfigException($"Interpolation cycle: {string.Join(" -> ", _resolving.SkipWhile(p => p != path).Append(path))}.",
                $"'{path}'{scalar.At} ends up referring to itself; replace one of these references with a value.");
        _resolving.Add(path);
        var template = TemplateParser.Parse(scalar.Text, path);
        var result = template.IsSingleInterpolation
            ? Evaluate(template.Parts[0], path, scalar) switch
            {
                ConfigScalar s => s.WithSource(scalar.Source),
                var other => other,
            }
            : ConfigScalar.String(Text(template, path, scalar), scalar.Source);
        _resolving.RemoveAt(_resolving.Count - 1);
        return _resolved[path] = result;
    }

    private ConfigNode Evaluate(TemplatePart part, string path, ConfigScalar scalar) => part switch
    {
        LiteralPart literal => ConfigScalar.String(literal.Text),
        ReferencePart reference => Lookup(Absolute(Text(reference.Key, path, scalar), path), path, scalar),
        ResolverPart call => (_functions.Find(call.Name) ?? throw new ConfigException(
                $"Unknown resolver '{call.Name}' in '{path}'{scalar.At}.", Suggestions.Hint("resolvers", call.Name, [.. _functions.Names])))
            .Invoke([.. call.Arguments.Select(a => Argument(a, path, scalar))], path),
        _ => throw new ArgumentOutOfRangeException(nameof(part)),
    };

    private string? Argument(Template argument, string path, ConfigScalar scalar) =>
        argument.Parts is [LiteralPart { Text: "null" }] ? null : Text(argument, path, scalar);

    private string Text(Template template, string path, ConfigScalar scalar)
    {
        var text = new StringBuilder();
        foreach (var part in template.Parts)
        {
            text.Append(Evaluate(part, path, scalar) switch
            {
                ConfigScalar { Kind: ScalarKind.Null } => "null",
                ConfigScalar s => s.Text,
                var other => throw new ConfigException($"'{path}'{scalar.At} puts {other.Describe()} inside text; only single values can be joined into a string."),
            });
        }
        return text.ToString();
    }

    private ConfigNode Lookup(string target, string path, ConfigScalar scalar)
    {
        var node = ConfigPath.Find(_root, target);
        if (node is null)
        {
            var closest = ConfigPath.Closest(_root, target);
            throw new ConfigException($"Interpolation '{scalar.Text}' in '{path}'{scalar.At} refers to '{target}', which does not exist.",
                closest is null ? "Run `mlops config show --raw` to list the keys." : $"Did you mean '{closest}'?");
        }
        var value = ResolveNode(node, target);
        if (value is ConfigScalar { Kind: ScalarKind.Missing })
            throw new ConfigException($"'{path}'{scalar.At} refers to '{target}', which has no value yet ('???'{node.At}).",
                $"Set it on the command line: {target}=<value>.");
        return value;
    }

    /// <summary>Turns <c>.x</c> (a sibling) and <c>..x</c> (a sibling of the parent) into an absolute key.</summary>
    private static string Absolute(string key, string path)
    {
        if (!key.StartsWith('.')) return key;
        var dots = key.TakeWhile(c => c == '.').Count();
        var segments = path.Split('.');
        if (dots > segments.Length)
            throw new ConfigException($"Relative interpolation '${{{key}}}' in '{path}' climbs above the root.");
        return string.Join('.', segments[..^dots].Append(key[dots..]).Where(s => s.Length > 0));
    }
}
