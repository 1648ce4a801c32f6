using Mlops.Core;

namespace Mlops.Config.Tree;

/// <summary>Dotted keys (<c>training.lr</c>, <c>data.files.0</c>): lookup, creation of parents, and suggestions for typos.</summary>
public static class ConfigPath
{
    public static string Join(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static ConfigNode? Find(ConfigNode root, string path)
    {
        var node = root;
        foreach (var segment in path.Split('.'))
        {
            node = Child(node, segment);
            if (node is null) return null;
        }
        return node;
    }

    public static ConfigNode? Child(ConfigNode node, string segment) => node switch
    {
        ConfigMap map => map[segment],
        ConfigList list when int.TryParse(segment, out var i) && i >= 0 && i < list.Items.Count => list.Items[i],
        _ => null,
    };

    /// <summary>The map that holds the last segment of <paramref name="path"/>, creating missing maps on the way when asked.</summary>
    public static ConfigMap? Parent(ConfigMap root, string path, bool create, out string lastKey)
    {
        var segments = path.Split('.');
        lastKey = segments[^1];
        var map = root;
        foreach (var segment in segments[..^1])
        {
            var child = map[segment];
            if (child is null && create) map[segment] = child = new ConfigMap();
            if (child is not ConfigMap next) return null;
            map = next;
        }
        return map;
    }

    /// <summary>Every scalar in the tree by its key path (<c>training.lr</c> -> <c>3e-05</c>); a null scalar maps to null.</summary>
    public static IReadOnlyDictionary<string, string?> Leaves(ConfigNode root) =>
        All(root).Select(path => (path, node: Find(root, path)))
            .Where(p => p.node is ConfigScalar)
            .ToDictionary(p => p.path, p => ((ConfigScalar)p.node!) is { Kind: ScalarKind.Null } ? null : ((ConfigScalar)p.node!).Text);

    /// <summary>Every key path in the tree, parents before children.</summary>
    public static IEnumerable<string> All(ConfigNode root, string prefix = "")
    {
        var children = root switch
        {
            ConfigMap map => map.Entries.Select(e => (Key: e.Key, Node: e.Value)),
            ConfigList list => list.Items.Select((n, i) => (Key: i.ToString(), Node: n)),
            _ => [],
        };
        foreach (var (key, node) in children)
        {
            var path = Join(prefix, key);
            yield return path;
            foreach (var nested in All(node, path)) yield return nested;
        }
    }

    /// <summary>The existing key closest to a mistyped <paramref name="path"/>, if one is within two edits.</summary>
    public static string? Closest(ConfigNode root, string path) => Suggestions.Closest(path, All(root));
}
