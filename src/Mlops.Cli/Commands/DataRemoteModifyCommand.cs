using System.ComponentModel;
using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data remote modify NAME KEY VALUE</c>: a remote's option (endpointurl, region, profile, credentials), as <c>dvc remote modify</c>.</summary>
public sealed class DataRemoteModifyCommand : AsyncCommand<DataRemoteModifyCommand.Settings>
{
    /// <summary>Options of <c>mlops data remote modify</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<NAME>")] public string Name { get; init; } = "";
        [CommandArgument(1, "<KEY>"), Description("endpointurl, region, profile, access_key_id, secret_access_key, url.")] public string Key { get; init; } = "";
        [CommandArgument(2, "<VALUE>")] public string Value { get; init; } = "";
        [CommandOption("--local"), Description("Write it to .dvc/config.local (git-ignored): for credentials.")] public bool Local { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await DvcRemotes.ModifyAsync(DvcRepository.Find(Directory.GetCurrentDirectory()), settings.Name, settings.Key, settings.Value, settings.Local, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Set {settings.Key} of remote {settings.Name}{(settings.Local ? " in .dvc/config.local" : "")}.");
        return ExitCodes.Success;
    }
}
