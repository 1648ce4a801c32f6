using System.ComponentModel;
using Mlops.Versioning;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>The <c>--rev</c> option of <c>mlops data pull</c> and <c>fetch</c>: the data a git revision's <c>.dvc</c> files name.</summary>
public sealed class DataRevisionSettings : DataRemoteSettings
{
    [CommandOption("--rev <REVISION>"), Description("A git tag, branch or commit: its .dvc files, not the workspace's, say what to get (e.g. v1.2).")]
    public string? Revision { get; init; }

    /// <summary>The revision's <c>.dvc</c> files, or null for the workspace's.</summary>
    public async Task<IReadOnlyList<DvcFile>?> FilesAsync(CancellationToken cancellationToken) =>
        Revision is null ? null : await GitRevision.DvcFilesAsync(DvcRepository.Find(Directory.GetCurrentDirectory()), Revision, cancellationToken);
}
