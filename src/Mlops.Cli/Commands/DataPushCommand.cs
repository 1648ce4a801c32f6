using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data push</c>: sends the remote every cached object the <c>.dvc</c> files name that it does not have yet.</summary>
public sealed class DataPushCommand : AsyncCommand<DataRemoteSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DataRemoteSettings settings, CancellationToken cancellationToken)
    {
        var (workspace, remote) = await settings.OpenAsync(cancellationToken);
        var (sent, present) = await workspace.PushAsync(remote, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Pushed {sent} object(s) to {remote.Describe}; {present} were there already.");
        return ExitCodes.Success;
    }
}
