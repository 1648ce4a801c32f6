using System.ComponentModel;
using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops runs delete</c>: a run out of the store and its folder off the disk, for real, saying how much was freed.</summary>
public sealed class RunsDeleteCommand : AsyncCommand<RunsDeleteCommand.Settings>
{
    /// <summary>Options of <c>mlops runs delete</c>.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("-r|--run <ID>"), Description("The run's id, or the start of it (see mlops runs list).")]
        public string Run { get; init; } = "";

        [CommandOption("--keep-folder"), Description("Remove the run from the store only; leave its run folder on disk.")]
        public bool KeepFolder { get; init; }

        public override ValidationResult Validate() =>
            Run.Length == 0 ? ValidationResult.Error("Name the run: mlops runs delete --run ID (ids are in mlops runs list).") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        var run = await StoreSettings.RequireRunAsync(store, settings.Run, cancellationToken);
        var points = run.Metrics.Values.Sum(m => m.Count);
        await store.DeleteRunAsync(run.Id, cancellationToken);
        var folder = run.RunDir is { } dir && Directory.Exists(dir) && !settings.KeepFolder ? dir : null;
        var freed = folder is null ? 0 : DiskUsage.Remove(folder);
        AnsiConsole.MarkupLineInterpolated(
            $"Deleted run {run.Id} ({points:N0} points){(folder is null ? "" : $" and its folder {folder}: {ByteSize.Describe(freed)} freed")}.");
        return ExitCodes.Success;
    }
}
