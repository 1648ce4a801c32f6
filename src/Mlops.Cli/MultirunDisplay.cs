using Mlops.Runs.Multirun;
using Mlops.Runs.Search;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>
/// Shows a multirun: on a terminal a live table, one row per job, redrawn as each job starts and ends; otherwise a
/// line per job start and failure, and the table once at the end. Then the summary and each failed job's error.
/// </summary>
public sealed class MultirunDisplay(IAnsiConsole console)
{
    /// <summary>Runs the sweep's jobs, showing them; returns the exit code and the sweep's folder.</summary>
    public async Task<(int Code, string Sweep)> RunAsync(MultirunRunner runner, MultirunRequest request, SweepPlan plan, CancellationToken cancellationToken)
    {
        var sweep = MultirunRunner.CreateSweepFolder(plan);
        var parallelism = plan.First.Launcher.Parallelism;
        var atOnce = parallelism > 1 ? $", {parallelism} at a time," : "";
        var what = plan.Sweeper.Kind == SweeperKind.Grid ? "job(s)" : $"{plan.Sweeper.Kind.ToString().ToLowerInvariant()} trial(s)";
        console.MarkupLine($"Multirun: {plan.Total} {what}{atOnce} in {Markup.Escape(sweep.Path)}");
        var table = new Table().Title("multirun").AddColumns("#", "overrides", "status", plan.Objective.Metric, "time (s)", "peak RSS MB")
            .AddColumn(new TableColumn("folder").NoWrap());
        int code;
        if (console.Profile.Capabilities.Interactive)
        {
            UpdateRows(table, plan.Jobs);
            code = await LiveDisplay.RunAsync(console, table, refresh =>
                runner.RunAsync(request, plan, sweep, _ => { UpdateRows(table, plan.Jobs); refresh(); }, cancellationToken));
        }
        else
        {
            code = await runner.RunAsync(request, plan, sweep, job =>
            {
                if (job.Status == "running") console.MarkupLine($"[[{job.Num + 1}/{plan.Total}]] {Markup.Escape(job.Description)} -> {Markup.Escape(job.Folder!)}");
                else if (job.Error is not null) console.MarkupLine($"[red]job {job.Num} {Markup.Escape(job.Status)}:[/] {Markup.Escape(job.Error)}");
            }, cancellationToken);
            UpdateRows(table, plan.Jobs);
            console.Write(table);
        }
        var pruned = plan.Jobs.Count(j => j.Status == "pruned");
        console.MarkupLine($"{plan.Jobs.Count(j => j.Status == "done")} of {plan.Jobs.Count} job(s) succeeded{(pruned > 0 ? $", {pruned} pruned" : "")}. " +
                           $"Summary: {Markup.Escape(Path.Combine(sweep.Path, MultirunRunner.SummaryFile))}");
        foreach (var failed in plan.Jobs.Where(j => j.Error is not null))
            console.MarkupLine($"[red]job {failed.Num} {Markup.Escape(failed.Status)}:[/] {Markup.Escape(failed.Error!)} " +
                               $"(see {Markup.Escape(Path.Combine(failed.Folder!, MultirunRunner.ErrorLogFile))})");
        return (code, Path.GetFullPath(sweep.Path));
    }

    /// <summary>One row per job, rows added as a search proposes more.</summary>
    private static void UpdateRows(Table table, IReadOnlyList<SweepJob> jobs)
    {
        for (var row = 0; row < jobs.Count; row++)
        {
            var job = jobs[row];
            if (row == table.Rows.Count) table.AddRow(job.Num.ToString(), Markup.Escape(job.Description), "", "", "", "", "");
            table.UpdateCell(row, 2, Markup.Escape(job.Status));
            table.UpdateCell(row, 3, job.Score?.ToString("F4") ?? "-");
            table.UpdateCell(row, 4, job.Elapsed?.TotalSeconds.ToString("F1") ?? "-");
            table.UpdateCell(row, 5, job.PeakRssMb?.ToString("F0") ?? "-");
            table.UpdateCell(row, 6, Markup.Escape(job.Folder ?? "-"));
        }
    }
}
