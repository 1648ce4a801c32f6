namespace Mlops.Versioning;

/// <summary>
/// What a command of <c>mlops data</c> covers: the <c>.dvc</c> files (the workspace's, or a git revision's for
/// <c>--rev</c>) and, within them, an optional target (a tracked path or a file inside a tracked folder).
/// </summary>
public sealed record DataScope(IReadOnlyList<DvcFile>? Files = null, string? Target = null)
{
    /// <summary>Every output of the workspace's <c>.dvc</c> files.</summary>
    public static DataScope Workspace { get; } = new();
}
