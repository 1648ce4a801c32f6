using Mlops.Config.Tree;

namespace Mlops.Config.Overrides;

/// <summary>
/// Applies value overrides to a composed tree in struct mode: a plain <c>key=v</c> must name an existing key,
/// and its value is coerced to the type the config declares there (so <c>id=1_1_1</c> stays a string and
/// <c>lr=abc</c> on a float fails). A typo gets a did-you-mean, never advice to add the typo with <c>+</c>.
/// </summary>
public static class OverrideApplier
{
    public static void Apply(ConfigMap root, Override o)
    {
        if (o.IsSweep)
            throw o.SweepOutsideMultirun();
        var parent = ConfigPath.Parent(root, o.Key, create: o.Kind is OverrideKind.Add or OverrideKind.ForceAdd, out var key);
        var existing = parent?[key];
        switch (o.Kind)
        {
            case OverrideKind.Change when existing is null:
                throw Missing(root, o, "override");
            case OverrideKind.Change:
                parent![key] = Coerce(existing, o.Value!.Node) ?? throw WrongType(o, existing, o.Value.Node.Describe());
                break;
            case OverrideKind.Add when existing is not null:
                throw new ConfigException($"Could not add '{o.Key}': it already exists{existing.At}.",
                    $"To change it drop the '+': {o.Key}={o.Value!.Text}; to add or change use ++{o.Key}={o.Value.Text}.");
            case OverrideKind.Add or OverrideKind.ForceAdd when parent is null:
                throw new ConfigException($"Could not add '{o.Key}': a parent of it holds a value, not a mapping.");
            case OverrideKind.Add:
                parent![key] = o.Value!.Node;
                break;
            case OverrideKind.ForceAdd:
                parent![key] = existing is null ? o.Value!.Node : Coerce(existing, o.Value!.Node) ?? o.Value.Node;
                break;
            case OverrideKind.Delete when existing is null:
                throw Missing(root, o, "delete");
            case OverrideKind.Delete when o.Value is { } expected && !SameValue(existing, expected.Node):
                throw new ConfigException($"Could not delete '{o.Key}': it holds {existing.Describe()}, not {expected.Node.Describe()}.",
                    $"Use ~{o.Key} to delete it whatever it holds.");
            case OverrideKind.Delete:
                parent!.Remove(key);
                break;
        }
    }

    private static ConfigException Missing(ConfigMap root, Override o, string verb)
    {
        var closest = ConfigPath.Closest(root, o.Key);
        var hint = closest is not null ? $"Did you mean '{closest}'?"
            : verb == "delete" ? "Run `mlops config show` to list the keys."
            : $"To add a new key use +{o.Key}={o.Value!.Text}.";
        return new ConfigException($"Could not {verb} '{o.Key}': no such key in the config.", hint);
    }

    /// <summary>The incoming value typed as the existing value declares (maps merge into maps), or null when it does not fit.</summary>
    private static ConfigNode? Coerce(ConfigNode existing, ConfigNode incoming)
    {
        switch (existing, incoming)
        {
            case (ConfigMap mine, ConfigMap theirs):
                var merged = mine.Clone();
                merged.MergeFrom(theirs);
                return merged;
            case (_, ConfigScalar { Kind: ScalarKind.Null }):
            case (ConfigScalar { Kind: ScalarKind.Null or ScalarKind.Missing }, _):
            case (ConfigList, ConfigList):
            case (_, ConfigScalar { IsInterpolation: true }):
                return incoming;
            case (ConfigScalar declared, ConfigScalar value):
                var text = value.Text;
                ScalarKind? kind = declared.Kind switch
                {
                    ScalarKind.String => ScalarKind.String,
                    ScalarKind.Int when ScalarLiteral.IsInt(text) => ScalarKind.Int,
                    ScalarKind.Float when ScalarLiteral.IsNumber(text) => ScalarKind.Float,
                    ScalarKind.Bool when ScalarLiteral.IsBool(text) => ScalarKind.Bool,
                    _ => null,
                };
                return kind is { } k ? new ConfigScalar(k, text, value.Source) : null;
            default:
                return null;
        }
    }

    private static ConfigException WrongType(Override o, ConfigNode declared, string got) =>
        new($"Expected {Expected(declared)} at '{o.Key}', got {got} (override '{o.Text}').",
            $"'{o.Key}' is {declared.Describe()}{declared.At}. Use ++{o.Key}=... to replace it with a value of another type.");

    private static string Expected(ConfigNode node) => node switch
    {
        ConfigScalar { Kind: ScalarKind.Int } => "an int",
        ConfigScalar s => $"a {s.Kind.ToString().ToLowerInvariant()}",
        _ => node.Describe(),
    };

    private static bool SameValue(ConfigNode a, ConfigNode b) =>
        a is ConfigScalar x && b is ConfigScalar y && (x.Text == y.Text || Equals(x.Value, y.Value));
}
