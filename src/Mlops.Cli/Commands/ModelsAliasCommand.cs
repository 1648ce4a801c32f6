using System.ComponentModel;
using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops models alias</c>: points an alias (champion, staging, ...) at a version; the move is kept in the alias history.</summary>
public sealed class ModelsAliasCommand : AsyncCommand<ModelsAliasCommand.Settings>
{
    /// <summary>Options of <c>mlops models alias</c>.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-n|--name <NAME>")] public string Name { get; init; } = "";
        [CommandOption("-a|--alias <ALIAS>")] public string Alias { get; init; } = "";
        [CommandOption("--version <N>")] public int? Version { get; init; }

        public override ValidationResult Validate() => Name.Length == 0 || Alias.Length == 0 || Version is null
            ? ValidationResult.Error("Say which: mlops models alias --name cola --alias champion --version 3.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        var change = await store.SetAliasAsync(settings.Name, settings.Alias, settings.Version!.Value, Environment.UserName, DateTimeOffset.UtcNow, cancellationToken);
        AnsiConsole.MarkupLineInterpolated(
            $"{change.Name}@{change.Alias}: {(change.FromVersion is { } from ? $"version {from}" : "new")} -> version {change.ToVersion} (models:/{change.Name}@{change.Alias})");
        return ExitCodes.Success;
    }
}
