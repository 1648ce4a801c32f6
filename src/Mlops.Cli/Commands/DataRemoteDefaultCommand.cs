using System.ComponentModel;
using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data remote default NAME</c>: the remote push and pull use when none is named.</summary>
public sealed class DataRemoteDefaultCommand : AsyncCommand<DataRemoteDefaultCommand.Settings>
{
    /// <summary>Options of <c>mlops data remote default</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<NAME>"), Description("A remote of .dvc/config.")] public string Name { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await DvcRemotes.SetDefaultAsync(DvcRepository.Find(Directory.GetCurrentDirectory()), settings.Name, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"{settings.Name} is the default remote.");
        return ExitCodes.Success;
    }
}
