namespace Mlops.Config.Tree;

/// <summary>
/// One node of a configuration tree: a <see cref="ConfigMap"/>, a <see cref="ConfigList"/> or a <see cref="ConfigScalar"/>.
/// Composition edits a private copy of the tree; every node remembers its <see cref="Source"/> for error messages.
/// </summary>
public abstract class ConfigNode(SourceLocation? source)
{
    public SourceLocation? Source { get; } = source;

    /// <summary>A deep copy, so that merging and overriding never touch a loaded file's tree.</summary>
    public abstract ConfigNode Clone();

    /// <summary>What this node is, in words, for "expected X, got Y" errors.</summary>
    public abstract string Describe();

    /// <summary>" (file:line:col)" when the source is known, for appending to messages.</summary>
    public string At => Source is null ? "" : $" ({Source})";
}
