using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data push [TARGET]</c>: sends the remote every cached object the <c>.dvc</c> files name that it does not have yet.</summary>
public sealed class DataPushCommand : AsyncCommand<DataTargetSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DataTargetSettings settings, CancellationToken cancellationToken)
    {
        var (sent, present, remote) = await settings.RunAsync(async (repository, workspace, remote) =>
        {
            var (sent, present) = await workspace.PushAsync(remote, await settings.ScopeAsync(repository, cancellationToken), cancellationToken);
            return (sent, present, remote.Describe);
        }, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Pushed {sent} object(s) to {remote}; {present} were there already.");
        return ExitCodes.Success;
    }
}
