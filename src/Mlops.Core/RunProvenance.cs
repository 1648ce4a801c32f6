namespace Mlops.Core;

/// <summary>
/// Where a trained model came from, beyond its weights and data: the source tree (git commit and whether it had
/// uncommitted changes), the hash of the resolved config, and the run folder. Tracking, versioning, export,
/// serving and monitoring read it from the model card to trace a prediction back to its origin.
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
}
