using System.ComponentModel;
using Mlops.Versioning;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>The <c>--rev</c> option of <c>mlops data pull</c> and <c>fetch</c>: the data a git revision's <c>.dvc</c> files name.</summary>
public sealed class DataRevisionSettings : DataTargetSettings
{
    [CommandOption("--rev <REVISION>"), Description("A git tag, branch or commit: its .dvc files, not the workspace's, say what to get (e.g. v1.2).")]
    public string? Revision { get; init; }

    /// <summary>The target within the revision's <c>.dvc</c> files, or the workspace's when there is no revision.</summary>
    public override async Task<DataScope> ScopeAsync(DvcRepository repository, CancellationToken cancellationToken) =>
        new(Revision is null ? null : await GitRevision.DvcFilesAsync(repository, Revision, cancellationToken), Target);
}
