using System.Text.Json.Serialization;

namespace Mlops.Core;

/// <summary>
/// Where a trained model came from, beyond its weights: the source tree (git commit and whether it had uncommitted
/// changes), the hash of the resolved config, the run folder, and the versions of tracked data it read. Tracking,
/// versioning, export, serving and monitoring read it from the model card to trace a prediction back to its origin.
/// </summary>
public sealed record RunProvenance
{
    /// <summary>The commit of the git repository the run was started in; null outside one or without git.</summary>
    public string? GitCommit { get; init; }
    /// <summary>True when that working tree had uncommitted changes, so the commit alone does not reproduce the run.</summary>
    public bool? GitDirty { get; init; }
    /// <summary><c>sha256:...</c> of the run's resolved <c>config.yaml</c>.</summary>
    public string? ConfigHash { get; init; }
    /// <summary>The run folder (absolute).</summary>
    public string? RunDir { get; init; }
    /// <summary>
    /// The tracked data (<c>mlops data add</c>) the run read, one entry per tracked output; null, and left out of the
    /// card, when it read none (untracked data, or a card written before this field).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DataVersion>? DataVersions { get; init; }
}
