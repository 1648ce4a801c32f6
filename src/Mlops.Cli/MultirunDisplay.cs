using Mlops.Runs.Multirun;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>
/// Shows a multirun: on a terminal a live table, one row per job, redrawn as each job starts and ends; otherwise a
/// line per job start and failure, and the table once at the end. Then the summary and each failed job's error.
/// </summary>
public sealed class MultirunDisplay(IAnsiConsole console)
{
    /// <summary>Runs the sweep's jobs, showing them; returns the exit code and the sweep's folder.</summary>
    public async Task<(int Code, string Sweep)> RunAsync(MultirunRunner runner, MultirunRequest request, IReadOnlyList<SweepJob> jobs, CancellationToken cancellationToken)
    {
        var sweep = MultirunRunner.CreateSweepFolder(jobs);
        var atOnce = jobs[0].Launcher.Parallelism > 1 ? $", {jobs[0].Launcher.Parallelism} at a time," : "";
        console.MarkupLine($"Multirun: {jobs.Count} job(s){atOnce} in {Markup.Escape(sweep.Path)}");
        var table = StatusTable(jobs);
        int code;
        if (console.Profile.Capabilities.Interactive)
        {
            code = await LiveDisplay.RunAsync(console, table, refresh =>
                runner.RunAsync(request, jobs, sweep, _ => { UpdateRows(table, jobs); refresh(); }, cancellationToken));
        }
        else
        {
            code = await runner.RunAsync(request, jobs, sweep, job =>
            {
                if (job.Status == "running") console.MarkupLine($"[[{job.Num + 1}/{jobs.Count}]] {Markup.Escape(job.Description)} -> {Markup.Escape(job.Folder!)}");
                else if (job.Error is not null) console.MarkupLine($"[red]job {job.Num} {Markup.Escape(job.Status)}:[/] {Markup.Escape(job.Error)}");
            }, cancellationToken);
            UpdateRows(table, jobs);
            console.Write(table);
        }
        console.MarkupLine($"{jobs.Count(j => j.Status == "done")} of {jobs.Count} job(s) succeeded. " +
                           $"Summary: {Markup.Escape(Path.Combine(sweep.Path, MultirunRunner.SummaryFile))}");
        foreach (var failed in jobs.Where(j => j.Error is not null))
            console.MarkupLine($"[red]job {failed.Num} {Markup.Escape(failed.Status)}:[/] {Markup.Escape(failed.Error!)} " +
                               $"(see {Markup.Escape(Path.Combine(failed.Folder!, MultirunRunner.ErrorLogFile))})");
        return (code, Path.GetFullPath(sweep.Path));
    }

    private static Table StatusTable(IReadOnlyList<SweepJob> jobs)
    {
        var table = new Table().Title("multirun").AddColumns("#", "overrides", "status", jobs[0].ScoreKey, "time (s)", "peak RSS MB").AddColumn(new TableColumn("folder").NoWrap());
        foreach (var job in jobs) table.AddRow(job.Num.ToString(), Markup.Escape(job.Description), "", "", "", "", "");
        UpdateRows(table, jobs);
        return table;
    }

    private static void UpdateRows(Table table, IReadOnlyList<SweepJob> jobs)
    {
        for (var row = 0; row < jobs.Count; row++)
        {
            var job = jobs[row];
            table.UpdateCell(row, 2, Markup.Escape(job.Status));
            table.UpdateCell(row, 3, job.Score?.ToString("F4") ?? "-");
            table.UpdateCell(row, 4, job.Elapsed?.TotalSeconds.ToString("F1") ?? "-");
            table.UpdateCell(row, 5, job.PeakRssMb?.ToString("F0") ?? "-");
            table.UpdateCell(row, 6, Markup.Escape(job.Folder ?? "-"));
        }
    }
}
