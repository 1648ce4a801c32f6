using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data pull</c>: fetches what the cache lacks from the remote (verified), then checks the outputs out into the workspace.</summary>
public sealed class DataPullCommand : AsyncCommand<DataRemoteSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DataRemoteSettings settings, CancellationToken cancellationToken)
    {
        var (workspace, remote) = await settings.OpenAsync(cancellationToken);
        var (fetched, written) = await workspace.PullAsync(remote, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Fetched {fetched} object(s) from {remote.Describe}; checked out {written} output(s).");
        return ExitCodes.Success;
    }
}
