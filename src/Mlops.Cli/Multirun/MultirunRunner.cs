using Mlops.Cli.Commands;
using Mlops.Cli.Configuration;
using Mlops.Config.Multirun;
using Mlops.Config.Overrides;
using Mlops.Config.Tree;
using Mlops.Config.Yaml;
using Mlops.Core;
using Spectre.Console;

namespace Mlops.Cli.Multirun;

/// <summary>
/// <c>mlops train -m</c>: expands the sweeps into jobs, checks every job's config before running any (a typo
/// fails in a second, not after the first job), then runs the jobs through an <see cref="IJobLauncher"/> with a
/// status table, and ends with a summary table and <c>multirun.yaml</c> in the sweep folder.
/// </summary>
public sealed class MultirunRunner(IAnsiConsole console, IJobLauncher launcher)
{
    public const string SummaryFile = "multirun.yaml";

    public async Task<int> RunAsync(TrainCommand.Settings settings, IReadOnlyList<Override> overrides, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.Now;
        var jobs = SweepExpander.Expand(overrides).Select((jobOverrides, num) =>
        {
            var spec = new JobSpec { Num = num, OverrideDirname = JobName.FromOverrides(jobOverrides) };
            return new SweepJob(num, jobOverrides, ConfigLoader.Resolve(ConfigLoader.Compose(settings, jobOverrides), now, spec));
        }).ToList();
        if (settings.PrintConfig)
        {
            foreach (var job in jobs) ConfigPrinter.Write(console, job.Config.Composed.Choices, job.Config.JobConfig);
            return 0;
        }

        var sweep = RunFolder.CreateNew(jobs[0].Config.Options.Mlops.Sweep.Dir);
        console.MarkupLine($"Multirun: {jobs.Count} job(s) in {Markup.Escape(sweep.Path)}");
        var table = StatusTable(jobs);
        if (console.Profile.Capabilities.Interactive)
        {
            // A terminal gets a live table, one row per job, redrawn as each job starts and ends.
            await console.Live(table).StartAsync(async live =>
                await RunJobsAsync(settings, jobs, sweep, log: false, () => { UpdateRows(table, jobs); live.Refresh(); }, cancellationToken));
        }
        else
        {
            await RunJobsAsync(settings, jobs, sweep, log: true, () => { }, cancellationToken);
            UpdateRows(table, jobs);
            console.Write(table);
        }
        await AtomicFile.WriteAllTextAsync(Path.Combine(sweep.Path, SummaryFile), Summary(jobs), CancellationToken.None);
        var succeeded = jobs.Count(j => j.Status == "done");
        console.MarkupLine($"{succeeded} of {jobs.Count} job(s) succeeded. Summary: {Markup.Escape(Path.Combine(sweep.Path, SummaryFile))}");
        foreach (var failed in jobs.Where(j => j.Error is not null))
            console.MarkupLine($"[red]job {failed.Num} {failed.Status}:[/] {Markup.Escape(failed.Error!)} (see {Markup.Escape(Path.Combine(failed.Folder!, "error.log"))})");
        return succeeded == jobs.Count ? ExitCodes.Success : cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.JobsFailed;
    }

    private async Task RunJobsAsync(TrainCommand.Settings settings, List<SweepJob> jobs, RunFolder sweep, bool log, Action changed, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            if (cancellationToken.IsCancellationRequested || (settings.FailFast && jobs.Any(j => j.Error is not null)))
            {
                job.Status = "skipped";
                changed();
                continue;
            }
            job.Folder = Path.Combine(sweep.Path, job.Config.Options.Mlops.Sweep.Subdir);
            job.Status = "running";
            changed();
            if (log) console.MarkupLine($"[[{job.Num + 1}/{jobs.Count}]] {Markup.Escape(job.Description)} -> {Markup.Escape(job.Folder)}");
            var result = await launcher.RunAsync(new JobLaunch(job.Num, Arguments(settings, job), job.Folder), cancellationToken);
            (job.Elapsed, job.PeakRssMb) = (result.Elapsed, result.PeakRssMb);
            job.Status = result.ExitCode switch { ExitCodes.Success => "done", ExitCodes.Interrupted or ExitCodes.Terminated => "interrupted", _ => $"failed ({result.ExitCode})" };
            if (result.ExitCode != ExitCodes.Success)
            {
                job.Error = FirstLine(result.ErrorTail);
                Directory.CreateDirectory(job.Folder);
                await AtomicFile.WriteAllTextAsync(Path.Combine(job.Folder, "error.log"), result.ErrorTail + "\n", CancellationToken.None);
                if (log) console.MarkupLine($"[red]job {job.Num} {job.Status}:[/] {Markup.Escape(job.Error)}");
            }
            else job.Score = await ReadScoreAsync(job);
            changed();
        }
    }

    /// <summary>A plain <c>mlops train</c> of this job's overrides, pinned to its folder and the same configs.</summary>
    private static List<string> Arguments(TrainCommand.Settings settings, SweepJob job)
    {
        List<string> arguments = ["train", .. job.Overrides.Select(o => o.Text), $"mlops.run.dir={Quote(job.Folder!)}", "mlops.run.latest=null"];
        if (settings.ConfigFrom is { } from) arguments.AddRange(["--config-from", Path.GetFullPath(from)]);
        else arguments.AddRange(["--config-dir", Path.GetFullPath(ConfigLocator.Find(settings.ConfigDir, settings.ConfigName)), "--config-name", settings.ConfigName]);
        if (settings.Verbose) arguments.Add("--verbose");
        return arguments;
    }

    private static string Quote(string value) => value.Contains('\'') ? $"\"{value.Replace("\"", "\\\"")}\"" : $"'{value}'";

    private static async Task<double?> ReadScoreAsync(SweepJob job)
    {
        var card = Path.Combine(job.Folder!, "model", ModelDirectory.CardFile);
        if (!File.Exists(card)) return null;
        var metrics = (await ModelCard.ReadAsync(card)).Metrics;
        return metrics.TryGetValue(job.Config.Options.Training.Monitor, out var value) ? value : null;
    }

    private static Table StatusTable(IReadOnlyList<SweepJob> jobs)
    {
        var table = new Table().Title("multirun").AddColumns("#", "overrides", "status", jobs[0].Config.Options.Training.Monitor, "time (s)", "peak RSS MB", "folder");
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

    private static string Summary(IEnumerable<SweepJob> jobs)
    {
        var list = new ConfigList(jobs.Select(job =>
        {
            var entry = new ConfigMap();
            entry["num"] = ConfigScalar.Plain(job.Num.ToString());
            entry["overrides"] = new ConfigList(job.Overrides.Select(o => ConfigScalar.String(o.Text)));
            entry["status"] = ConfigScalar.String(job.Status);
            entry["folder"] = job.Folder is null ? ConfigScalar.Null() : ConfigScalar.String(job.Folder);
            entry[job.Config.Options.Training.Monitor] = job.Score is { } s ? ConfigScalar.Plain(ScalarLiteral.Format(s)) : ConfigScalar.Null();
            entry["seconds"] = job.Elapsed is { } t ? ConfigScalar.Plain(ScalarLiteral.Format(Math.Round(t.TotalSeconds, 1))) : ConfigScalar.Null();
            entry["peak_rss_mb"] = job.PeakRssMb is { } rss ? ConfigScalar.Plain(ScalarLiteral.Format(Math.Round(rss))) : ConfigScalar.Null();
            return (ConfigNode)entry;
        }));
        var root = new ConfigMap();
        root["jobs"] = list;
        return YamlConfigWriter.Write(root);
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
        ?? text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "(no error output)";

    /// <summary>One job's plan and, as it runs, its state.</summary>
    private sealed class SweepJob(int num, IReadOnlyList<Override> overrides, LoadedConfig config)
    {
        public int Num { get; } = num;
        public IReadOnlyList<Override> Overrides { get; } = overrides;
        public LoadedConfig Config { get; } = config;
        public string Description => Overrides.Count == 0 ? "(no overrides)" : string.Join(" ", Overrides.Select(o => o.Text));
        public string Status { get; set; } = "queued";
        public string? Folder { get; set; }
        public double? Score { get; set; }
        /// <summary>The first line of a failed job's error output; null while it has not failed.</summary>
        public string? Error { get; set; }
        public TimeSpan? Elapsed { get; set; }
        public double? PeakRssMb { get; set; }
    }
}
