using System.ComponentModel;
using Mlops.Cli.Configuration;
using Mlops.Config.Overrides;
using Mlops.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Tracking;
using Mlops.Tracking.Sql;
using Mlops.Tracking.Spool;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>What the <c>mlops runs</c>, <c>models</c> and <c>tracking</c> commands share: config overrides that name the store (<c>tracking.uri</c>), and opening it.</summary>
public class StoreSettings : ConfigSettings
{
    [CommandArgument(0, "[OVERRIDES]"), Description("Config overrides, e.g. tracking.uri=sqlite:outputs/mlops.db.")]
    public string[] Overrides { get; init; } = [];

    public TrackingSpec Tracking() => Load(OverrideParser.ParseAll(Overrides)).Options.Tracking;

    /// <summary>
    /// The store <c>tracking.uri</c> names, with the runs spooled while it was away written into it and runs whose
    /// heartbeat stopped marked failed; null when there is no store yet. <paramref name="migrate"/> upgrades an older schema first.
    /// </summary>
    public async Task<SqlTrackingStore?> OpenStoreAsync(CancellationToken cancellationToken, bool migrate = false)
    {
        var spec = Tracking();
        if (TrackingStores.IsMissingFile(spec.Uri)) return null;
        var store = TrackingStores.Open(spec.Uri, migrate);
        try
        {
            await new TrackingSpool(spec.SpoolDir, spec.Uri).ReplayAsync(store, NullLogger.Instance, cancellationToken);
            await store.FailStaleRunsAsync(TimeSpan.FromSeconds(spec.StaleAfterSeconds), DateTimeOffset.UtcNow, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>The run an id (or the start of one) names; one clear line when there is none, or more than one.</summary>
    public static async Task<RunRecord> RequireRunAsync(ITrackingStore store, string idOrPrefix, CancellationToken cancellationToken) =>
        await store.FindRunAsync(idOrPrefix, cancellationToken)
        ?? throw new MlopsException($"No run '{idOrPrefix}' in the tracking store (or more than one id starts with it).",
            "List the runs with mlops runs list; give the full id when several start alike.", ExitCodes.UserError);

    /// <summary>Says that <c>tracking.uri</c> names a store that does not exist yet, in one line, and returns the exit code.</summary>
    public int ReportNoStore()
    {
        var uri = Tracking().Uri;
        AnsiConsole.MarkupLineInterpolated($"[yellow]No tracking store at {uri} yet; every `mlops train` tracks its run there (unless tracking=none or jsonl).[/]");
        return ExitCodes.DataError;
    }
}
