using System.ComponentModel;
using System.Globalization;
using Mlops.Core;
using Mlops.Tracking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops runs compare</c>: runs side by side in one table: status, each metric's last value, and the params that differ (all with --all-params).</summary>
public sealed class RunsCompareCommand : AsyncCommand<RunsCompareCommand.Settings>
{
    /// <summary>Options of <c>mlops runs compare</c>.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-r|--run <ID>"), Description("A run's id or the start of it; give two or more.")]
        public string[] Runs { get; init; } = [];

        [CommandOption("--all-params"), Description("Show every param, not only those that differ.")]
        public bool AllParams { get; init; }

        public override ValidationResult Validate() => Runs.Length < 2
            ? ValidationResult.Error("Name two or more runs: mlops runs compare --run ID1 --run ID2 (ids are in mlops runs list).")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        var runs = new List<(RunRecord Run, IReadOnlyDictionary<string, string> Params)>();
        foreach (var id in settings.Runs)
        {
            var run = await StoreSettings.RequireRunAsync(store, id, cancellationToken);
            runs.Add((run, await store.ParamsAsync(run.Id, cancellationToken)));
        }
        var table = new Table().AddColumns(["", .. runs.Select(r => $"{r.Run.Id}\n{Markup.Escape(r.Run.Name)}")]);
        table.AddRow(["status", .. runs.Select(r => RunsListCommand.Status(r.Run.Status))]);
        foreach (var metric in runs.SelectMany(r => r.Run.Metrics.Keys).Distinct().Where(k => !k.StartsWith("system/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            table.AddRow([Markup.Escape(metric), .. runs.Select(r => r.Run.Metrics.TryGetValue(metric, out var s) ? NumberText.Format(s.Last, 5) : "-")]);
        var keys = runs.SelectMany(r => r.Params.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var differing = keys.Where(k => runs.Select(r => r.Params.GetValueOrDefault(k)).Distinct().Count() > 1).ToHashSet();
        table.AddEmptyRow();
        foreach (var key in keys.Where(k => settings.AllParams || differing.Contains(k)))
            table.AddRow([differing.Contains(key) ? $"[yellow]{Markup.Escape(key)}[/]" : Markup.Escape(key), .. runs.Select(r => Markup.Escape(r.Params.GetValueOrDefault(key) ?? "-"))]);
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"{differing.Count} of {keys.Count} params differ{(settings.AllParams ? " (yellow)" : "; --all-params shows the rest")}.");
        return ExitCodes.Success;
    }
}
