using System.ComponentModel;
using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops models rollback</c>: an alias goes back to the version its last move took it from, in one command.</summary>
public sealed class ModelsRollbackCommand : AsyncCommand<ModelsRollbackCommand.Settings>
{
    /// <summary>Options of <c>mlops models rollback</c>.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-n|--name <NAME>")] public string Name { get; init; } = "";
        [CommandOption("-a|--alias <ALIAS>")] public string Alias { get; init; } = "";

        public override ValidationResult Validate() => Name.Length == 0 || Alias.Length == 0
            ? ValidationResult.Error("Say which: mlops models rollback --name cola --alias champion.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        var change = await store.RollbackAliasAsync(settings.Name, settings.Alias, Environment.UserName, DateTimeOffset.UtcNow, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"{change.Name}@{change.Alias}: version {change.FromVersion} -> version {change.ToVersion} (rolled back)");
        return ExitCodes.Success;
    }
}
