using System.ComponentModel;
using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data remote add NAME URL</c>: a remote in <c>.dvc/config</c>, as <c>dvc remote add</c> writes it.</summary>
public sealed class DataRemoteAddCommand : AsyncCommand<DataRemoteAddCommand.Settings>
{
    /// <summary>Options of <c>mlops data remote add</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<NAME>")] public string Name { get; init; } = "";
        [CommandArgument(1, "<URL>"), Description("A folder (relative or absolute), or a URL such as s3://bucket/path.")] public string Url { get; init; } = "";
        [CommandOption("-d|--default"), Description("Make it the default remote (core.remote).")] public bool Default { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await DvcRemotes.AddAsync(DvcRepository.Find(Directory.GetCurrentDirectory()), settings.Name, settings.Url, settings.Default, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Added remote {settings.Name} ({settings.Url}){(settings.Default ? ", the default" : "")}.");
        return ExitCodes.Success;
    }
}
