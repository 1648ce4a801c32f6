using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data pull [--rev REV]</c>: fetches what the cache lacks from the remote (verified), then checks the outputs out into the workspace.</summary>
public sealed class DataPullCommand : AsyncCommand<DataRevisionSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DataRevisionSettings settings, CancellationToken cancellationToken)
    {
        var (workspace, remote) = await settings.OpenAsync(cancellationToken);
        var (fetched, written) = await workspace.PullAsync(remote, cancellationToken, await settings.FilesAsync(cancellationToken));
        AnsiConsole.MarkupLineInterpolated($"Fetched {fetched} object(s) from {remote.Describe}; checked out {written} output(s).");
        if (settings.Revision is { } revision)
            AnsiConsole.MarkupLineInterpolated($"The workspace now holds {revision}'s data; its .dvc files still name their own (git checkout {revision} -- FILE.dvc to match them).");
        return ExitCodes.Success;
    }
}
