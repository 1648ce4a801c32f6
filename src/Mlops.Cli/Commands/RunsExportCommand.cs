using System.ComponentModel;
using Mlops.Core;
using Mlops.Tracking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops runs export</c>: every tracked run (or one status) as a CSV or JSON table of identity, last metric values and params.</summary>
public sealed class RunsExportCommand : AsyncCommand<RunsExportCommand.Settings>
{
    /// <summary>Options of <c>mlops runs export</c>.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-o|--output <FILE>"), Description("runs.csv or runs.json.")]
        public string Output { get; init; } = "";

        [CommandOption("--status <STATUS>"), Description("Only runs with this status: running, finished, failed, killed or pruned.")]
        public RunStatus? Status { get; init; }

        public override ValidationResult Validate() =>
            Output.Length == 0 ? ValidationResult.Error("Name the file: mlops runs export --output runs.csv (or .json).") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        RunTable.CheckExtension(settings.Output);
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        var runs = new List<RunRecord>();
        const int page = 1000;
        for (var offset = 0; ; offset += page)
        {
            var batch = await store.ListRunsAsync(new RunQuery { Status = settings.Status, Limit = page, Offset = offset }, cancellationToken);
            runs.AddRange(batch);
            if (batch.Count < page) break;
        }
        await RunTable.WriteAsync(settings.Output, store, runs, cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Wrote {runs.Count} run(s) to {settings.Output}.");
        return ExitCodes.Success;
    }
}
