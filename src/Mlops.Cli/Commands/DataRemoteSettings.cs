using System.ComponentModel;
using Mlops.Versioning;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>The <c>--remote</c> option of <c>mlops data push</c> and <c>pull</c>, and opening the project with that remote.</summary>
public class DataRemoteSettings : CommandSettings
{
    [CommandOption("-r|--remote <NAME>"), Description("The remote to use (default: core.remote in .dvc/config).")]
    public string? Remote { get; init; }

    /// <summary>The project around the current folder, its workspace, and the remote to use.</summary>
    public async Task<(DataWorkspace Workspace, IDvcRemote Remote)> OpenAsync(CancellationToken cancellationToken)
    {
        var repository = DvcRepository.Find(Directory.GetCurrentDirectory());
        return (new DataWorkspace(repository), await DvcRemotes.OpenAsync(repository, Remote, cancellationToken));
    }
}
