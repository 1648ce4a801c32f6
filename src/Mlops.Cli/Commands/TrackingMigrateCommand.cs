using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops tracking migrate</c>: upgrades the store's schema to this mlops's version, once, on purpose (clients never do it on the way).</summary>
public sealed class TrackingMigrateCommand : AsyncCommand<StoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenStoreAsync(cancellationToken, migrate: true);
        if (store is null) return settings.ReportNoStore();
        AnsiConsole.MarkupLineInterpolated($"{settings.Tracking().Uri} is at schema version {Tracking.Sql.SqlTrackingStore.SchemaVersion}.");
        return ExitCodes.Success;
    }
}
