namespace Mlops.Tracking;

/// <summary>What a run is when it starts: its name, sweep group, flattened params, and where it came from.</summary>
public sealed record RunStart
{
    /// <summary>The run's id when it already has one (a run replayed from a spool, or a resumed one, which continues it); null: the store assigns one.</summary>
    public string? Id { get; init; }

    public required string Name { get; init; }
    /// <summary>The multirun it belongs to (its sweep folder), or null for a single run.</summary>
    public string? Sweep { get; init; }
    /// <summary>The resolved config, flattened: <c>training.lr</c> -> <c>3e-05</c>.</summary>
    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    public string? GitCommit { get; init; }
    public bool? GitDirty { get; init; }
    public string? ConfigHash { get; init; }
    public string? DataFingerprint { get; init; }
    public string? RunDir { get; init; }
    public string? Notes { get; init; }
}
