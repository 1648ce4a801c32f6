using System.ComponentModel;
using Mlops.Core;
using Mlops.Runs;
using Mlops.Tracking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops runs gc</c>: disk back from runs that no longer need all of it. A finished run's resume checkpoint
/// (<c>last/</c>: weights and optimizer state, often most of a run folder) can never be resumed, so it goes; with
/// <c>--failed</c>, failed runs go whole. Removes for real and says how much was freed; <c>--dry-run</c> only counts.
/// </summary>
public sealed class RunsGcCommand : AsyncCommand<RunsGcCommand.Settings>
{
    /// <summary>Options of <c>mlops runs gc</c>.</summary>
    public sealed class Settings : StoreSettings
    {
        [CommandOption("--failed"), Description("Also delete failed runs: out of the store, their folders off the disk (a run behind a registered model is kept).")]
        public bool Failed { get; init; }

        [CommandOption("--older-than <DAYS>"), Description("Only runs that started more than this many days ago."), DefaultValue(0)]
        public int OlderThanDays { get; init; }

        [CommandOption("--dry-run"), Description("Say what would be removed and how much that frees; remove nothing.")]
        public bool DryRun { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenStoreAsync(cancellationToken);
        if (store is null) return settings.ReportNoStore();
        var before = DateTimeOffset.UtcNow.AddDays(-settings.OlderThanDays);
        var (checkpoints, checkpointBytes, deleted, deletedBytes) = (0, 0L, 0, 0L);
        foreach (var run in await AllRunsAsync(store, cancellationToken))
        {
            if (run.StartedAt > before || run.RunDir is not { } folder) continue;
            if (run.Status == RunStatus.Failed && settings.Failed)
            {
                if (!settings.DryRun)
                {
                    try
                    {
                        await store.DeleteRunAsync(run.Id, cancellationToken);
                    }
                    catch (MlopsException e)
                    {
                        AnsiConsole.MarkupLineInterpolated($"[yellow]Kept run {run.Id}: {e.Message}[/]");
                        continue;
                    }
                }
                deleted++;
                deletedBytes += settings.DryRun ? DiskUsage.Of(folder) : DiskUsage.Remove(folder);
            }
            else if (run.Status == RunStatus.Finished)
            {
                var resume = Path.Combine(folder, RunFolder.ResumeDir);
                if (!Directory.Exists(resume)) continue;
                checkpoints++;
                checkpointBytes += settings.DryRun ? DiskUsage.Of(resume) : DiskUsage.Remove(resume);
            }
        }
        var verb = settings.DryRun ? "Would free" : "Freed";
        var failed = settings.Failed ? $", {deleted} failed run(s) ({ByteSize.Describe(deletedBytes)})" : "";
        AnsiConsole.MarkupLineInterpolated(
            $"{verb} {ByteSize.Describe(checkpointBytes + deletedBytes)}: {checkpoints} finished run(s)' resume checkpoints ({ByteSize.Describe(checkpointBytes)}){failed}.");
        return ExitCodes.Success;
    }

    private static async Task<List<RunRecord>> AllRunsAsync(ITrackingStore store, CancellationToken cancellationToken)
    {
        var runs = new List<RunRecord>();
        for (var offset = 0; ; offset += 500)
        {
            var page = await store.ListRunsAsync(new RunQuery { Limit = 500, Offset = offset }, cancellationToken);
            runs.AddRange(page);
            if (page.Count < 500) return runs;
        }
    }
}
