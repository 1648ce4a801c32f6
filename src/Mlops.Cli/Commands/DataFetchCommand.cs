using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data fetch [TARGET] [--rev REV]</c>: what the cache lacks, from the remote, verified; the workspace is left as it is (checkout applies it).</summary>
public sealed class DataFetchCommand : AsyncCommand<DataRevisionSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DataRevisionSettings settings, CancellationToken cancellationToken)
    {
        var (fetched, remote) = await settings.RunAsync(async (repository, workspace, remote) =>
            (await workspace.FetchAsync(remote, await settings.ScopeAsync(repository, cancellationToken), cancellationToken), remote.Describe), cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Fetched {fetched} object(s) from {remote} into the cache.");
        return ExitCodes.Success;
    }
}
