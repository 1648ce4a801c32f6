namespace Mlops.Config.Tree;

/// <summary>An ordered mapping of keys to nodes; order is kept so that printed configs read like their files.</summary>
public sealed class ConfigMap(SourceLocation? source = null) : ConfigNode(source)
{
    private readonly OrderedDictionary<string, ConfigNode> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;
    public IEnumerable<string> Keys => _entries.Keys;
    public IEnumerable<KeyValuePair<string, ConfigNode>> Entries => _entries;

    public ConfigNode? this[string key]
    {
        get => _entries.GetValueOrDefault(key);
        set
        {
            if (value is null) _entries.Remove(key);
            else _entries[key] = value;
        }
    }

    public bool Remove(string key) => _entries.Remove(key);

    public override ConfigMap Clone()
    {
        var copy = new ConfigMap(Source);
        foreach (var (key, value) in _entries) copy[key] = value.Clone();
        return copy;
    }

    /// <summary>Merges <paramref name="other"/> into this map: maps merge key by key, anything else replaces.</summary>
    public void MergeFrom(ConfigMap other)
    {
        foreach (var (key, value) in other.Entries)
        {
            if (this[key] is ConfigMap mine && value is ConfigMap theirs) mine.MergeFrom(theirs);
            else this[key] = value.Clone();
        }
    }

    public override string Describe() => "a mapping";
}
