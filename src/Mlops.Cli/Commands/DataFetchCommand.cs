using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data fetch</c>: what the cache lacks, from the remote, verified; the workspace is left as it is (checkout applies it).</summary>
public sealed class DataFetchCommand : AsyncCommand<DataRevisionSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DataRevisionSettings settings, CancellationToken cancellationToken)
    {
        var (workspace, remote) = await settings.OpenAsync(cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Fetched {await workspace.FetchAsync(remote, cancellationToken, await settings.FilesAsync(cancellationToken))} object(s) from {remote.Describe} into the cache.");
        return ExitCodes.Success;
    }
}
