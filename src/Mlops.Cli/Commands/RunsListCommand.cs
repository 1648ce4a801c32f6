using System.ComponentModel;
using System.Globalization;
using Mlops.Core;
using Mlops.Tracking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops runs list</c>: tracked runs, newest first or sorted by a metric's last value, without reading any series.</summary>
public sealed class RunsListCommand : AsyncCommand<RunsListCommand.Settings>
{
    /// <summary>Options of <c>mlops runs list</c>.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--sort <METRIC>"), Description("Sort by this metric's last value, best first (e.g. val_mcc); default: newest first.")]
        public string? Sort { get; init; }

        [CommandOption("--ascending"), Description("Smallest first (for losses).")]
        public bool Ascending { get; init; }

        [CommandOption("--status <STATUS>"), Description("Only runs with this status: running, finished, failed, killed or pruned.")]
        public RunStatus? Status { get; init; }

        [CommandOption("--sweep <DIR>"), Description("Only the jobs of this multirun (its folder, as mlops train -m printed it).")]
        public string? Sweep { get; init; }

        [CommandOption("--filter <EXPR>"), Description("Only runs matching this, e.g. \"val_mcc > 0.3 and model.shape = minilm\" (metrics by last value, params as text; numbers as numbers).")]
        public string? Filter { get; init; }

        [CommandOption("--limit <N>"), DefaultValue(20)]
        public int Limit { get; init; } = 20;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        var query = new RunQuery
        {
            Filters = RunFilter.Parse(settings.Filter),
            SortMetric = settings.Sort,
            Descending = !settings.Ascending,
            Status = settings.Status,
            Sweep = settings.Sweep is null ? null : Path.GetFullPath(settings.Sweep),
            Limit = settings.Limit,
        };
        if (query.SortMetric is not null || query.Filters.Count > 0) (await store.RunKeysAsync(cancellationToken)).Check(query);
        var runs = await store.ListRunsAsync(query, cancellationToken);
        AnsiConsole.Write(Table(runs, settings.Sort));
        if (runs.Count == 0) AnsiConsole.MarkupLine("No runs match.");
        return ExitCodes.Success;
    }

    /// <summary>Runs as a table: id, name, status, start, duration, then <paramref name="sort"/>'s metric (if any), val_mcc, val_loss and train_loss.</summary>
    internal static Table Table(IReadOnlyList<RunRecord> runs, string? sort)
    {
        var shown = new[] { sort, "val_mcc", "val_loss", "train_loss" }.OfType<string>().Distinct().ToList();
        var table = new Table().AddColumns(["id", "name", "status", "started", "duration", .. shown]);
        foreach (var run in runs)
        {
            var duration = (run.EndedAt ?? DateTimeOffset.UtcNow) - run.StartedAt;
            table.AddRow([run.Id, Markup.Escape(run.Name), Status(run.Status), run.StartedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                $"{duration.TotalSeconds:F0} s", .. shown.Select(m => run.Metrics.TryGetValue(m, out var s) ? NumberText.Format(s.Last) : "-")]);
        }
        return table;
    }

    internal static string Status(RunStatus status) => status switch
    {
        RunStatus.Finished => "[green]finished[/]",
        RunStatus.Running => "[blue]running[/]",
        RunStatus.Killed => "[yellow]killed[/]",
        RunStatus.Pruned => "[olive]pruned[/]",
        _ => "[red]failed[/]",
    };
}
