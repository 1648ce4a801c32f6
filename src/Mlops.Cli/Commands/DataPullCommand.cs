using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data pull [TARGET] [--rev REV]</c>: fetches what the cache lacks from the remote (verified), then checks the outputs out into the workspace.</summary>
public sealed class DataPullCommand : AsyncCommand<DataRevisionSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DataRevisionSettings settings, CancellationToken cancellationToken)
    {
        var (fetched, written, remote) = await settings.RunAsync(async (repository, workspace, remote) =>
        {
            var (fetched, written) = await workspace.PullAsync(remote, await settings.ScopeAsync(repository, cancellationToken), cancellationToken);
            return (fetched, written, remote.Describe);
        }, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Fetched {fetched} object(s) from {remote}; checked out {written} output(s).");
        if (settings.Revision is { } revision)
            AnsiConsole.MarkupLineInterpolated($"The workspace now holds {revision}'s data; its .dvc files still name their own (git checkout {revision} -- FILE.dvc to match them).");
        return ExitCodes.Success;
    }
}
