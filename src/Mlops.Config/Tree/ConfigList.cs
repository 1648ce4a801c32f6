namespace Mlops.Config.Tree;

/// <summary>A sequence of nodes. Merging replaces a list as a whole, as OmegaConf does.</summary>
public sealed class ConfigList(IEnumerable<ConfigNode> items, SourceLocation? source = null) : ConfigNode(source)
{
    public List<ConfigNode> Items { get; } = [.. items];

    public override ConfigList Clone() => new(Items.Select(i => i.Clone()), Source);

    public override string Describe() => "a list";
}
