using Mlops.Config;
using Mlops.Config.Hosting;
using Mlops.Config.Multirun;
using Mlops.Config.Tree;
using Mlops.Core;
using Mlops.Runs.Search;
using Mlops.Runs.Slurm;
using Mlops.Config.Overrides;

namespace Mlops.Runs.Multirun;

/// <summary>
/// A multirun (<c>mlops train -m</c>): plans its jobs - every combination of the sweeps (a grid), or trials a sampler
/// proposes (a search) - checking configs before running any (a typo fails in a second, not after the first job), then
/// runs them through an <see cref="IJobLauncher"/>, in order and up to <see cref="LauncherSpec.Parallelism"/> at once,
/// each pinned to its own folder; stops weak trials early when the sweeper has a pruner, keeps each failed job's
/// <c>error.log</c>, and ends with <c>multirun.yaml</c> in the sweep folder. Showing progress is the caller's: it is
/// told each time a job changes, one job at a time.
/// </summary>
public sealed class MultirunRunner(IJobLauncher launcher)
{
    public const string SummaryFile = "multirun.yaml";
    public const string ErrorLogFile = "error.log";

    /// <summary>How often a search with a pruner reads its running trials' metrics.</summary>
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The sweep's plan, its configs checked: a grid's every job, or a search's corners (every parameter at its low end,
    /// then its high end); a config error, a sweep over the launcher or the sweeper, or a bad search space throws before anything runs.
    /// With <paramref name="resume"/> (a sweep folder), the jobs that earlier run finished or pruned are kept as they ended.
    /// </summary>
    public static SweepPlan Plan<TSchema>(MultirunRequest request, Func<TSchema, SweepObjective> objective, string? resume = null)
        where TSchema : class, IMultirunHostConfig
    {
        var now = DateTimeOffset.Now;
        if (request.Overrides.FirstOrDefault(o => o.IsSweep && IsSweepSetting(o.Key)) is { } setting)
            throw new ConfigException($"'{setting.Text}' sweeps how the sweep itself runs, but one launcher and one sweeper run the whole sweep.",
                "Give every launcher and sweeper key one value.");
        var fixedConfig = ConfigLoader.Resolve<TSchema>(ConfigLoader.Compose(request.Source, [.. request.Overrides.Where(o => !o.IsSweep)]), now,
            new JobSpec { Num = 0 });
        var sweeper = fixedConfig.Options.Sweeper;
        var goal = objective(fixedConfig.Options);
        SweepJob Job(IReadOnlyList<Override> overrides, int num)
        {
            var spec = new JobSpec { Num = num, OverrideDirname = JobName.FromOverrides(overrides) };
            var config = ConfigLoader.Resolve<TSchema>(ConfigLoader.Compose(request.Source, overrides), now, spec);
            return new SweepJob(num, overrides, config.Composed.Choices, config.JobConfig, config.Options.Mlops, config.Options.Launcher, goal.Metric);
        }
        var previous = resume is null ? new Dictionary<int, SweepSummary.Entry>() : SweepSummary.Read(resume, goal.Metric);
        return sweeper.Kind == SweeperKind.Grid
            ? new GridPlan([.. SweepExpander.Expand(request.Overrides).Select(Job)], sweeper, goal, previous) { ResumeFolder = resume }
            : new SearchPlan(request.Overrides, Job, sweeper, goal, previous) { ResumeFolder = resume };
    }

    private static bool IsSweepSetting(string key) => key.Split('.', '/')[0] is "launcher" or "sweeper";

    /// <summary>The sweep folder of <paramref name="plan"/>: the one it resumes, or a new one (never one reused by chance).</summary>
    public static RunFolder CreateSweepFolder(SweepPlan plan) =>
        plan.ResumeFolder is { } resume ? RunFolder.Existing(resume) : RunFolder.CreateNew(plan.First.Framework.Sweep.Dir);

    /// <summary>The launcher that runs <paramref name="plan"/>'s jobs, as their <c>launcher</c> section says.</summary>
    public static IJobLauncher Launcher(SweepPlan plan)
    {
        var spec = plan.First.Launcher;
        return spec.Kind switch
        {
            LauncherKind.Slurm => new SlurmLauncher(spec.Slurm, spec.JobThreads(Environment.ProcessorCount)!.Value),
            _ => new LocalProcessLauncher(),
        };
    }

    /// <summary>
    /// Runs the plan's jobs, started in order, up to the launcher's parallelism at once, and returns the exit code: success
    /// (every job done or pruned), interrupted, or <see cref="ExitCodes.JobsFailed"/>. After a failure with fail-fast, or
    /// once cancelled, no more jobs start (a grid's are marked skipped) and the running ones end (cancelled ones through the launcher).
    /// </summary>
    public async Task<int> RunAsync(MultirunRequest request, SweepPlan plan, RunFolder sweep, Action<SweepJob> changed, CancellationToken cancellationToken)
    {
        await launcher.CheckAsync(cancellationToken);
        if (!File.Exists(Path.Combine(sweep.Path, SweepRequestFile.FileName))) await SweepRequestFile.WriteAsync(sweep.Path, request);
        var spec = plan.First.Launcher;
        var threads = spec.JobThreads(Environment.ProcessorCount);
        var state = new Lock(); // the jobs' states and the calls to changed, which draws them, one job at a time
        var running = new Dictionary<SweepJob, CancellationTokenSource>();
        using var stopPruning = new CancellationTokenSource();
        var pruning = plan.Pruner is { } pruner ? PruneAsync(plan, pruner, state, running, changed, stopPruning.Token) : Task.CompletedTask;
        using var saving = new SemaphoreSlim(1);

        // multirun.yaml as the jobs stand now, after each start and end: a sweep stopped any way leaves where it was.
        async Task SaveAsync()
        {
            await saving.WaitAsync(CancellationToken.None);
            try
            {
                string text;
                lock (state) text = SweepSummary.Write(plan);
                await AtomicFile.WriteAllTextAsync(Path.Combine(sweep.Path, SummaryFile), text, CancellationToken.None);
            }
            finally
            {
                saving.Release();
            }
        }

        async Task RunJobAsync(SweepJob job, CancellationToken token)
        {
            var folder = job.Folder!;
            var resume = PrepareFolder(folder, sweep.Path);
            var launch = new JobLaunch(job.Num, Arguments(request, job, sweep.Path, threads), ResumeArguments(request, folder), folder,
                Path.GetFullPath(sweep.Path), resume);
            // A job that ended before the sweep could record it (the sweep was stopped in between) is not run again.
            var result = resume && RunFolder.Finished(folder) ? new JobResult(ExitCodes.Success, TimeSpan.Zero, "", null) : await launcher.RunAsync(launch, token);
            var succeeded = result.ExitCode == ExitCodes.Success;
            var failed = !succeeded && !job.Pruned;
            if (failed)
            {
                Directory.CreateDirectory(folder);
                await AtomicFile.WriteAllTextAsync(Path.Combine(folder, ErrorLogFile), result.ErrorTail + "\n", CancellationToken.None);
            }
            var score = succeeded ? await ReadScoreAsync(job) : null;
            var reports = TrialReports.Read(folder, plan.Objective.Metric);
            if (job.Pruned && !succeeded && !plan.Sweeper.KeepPruned && Directory.Exists(Path.Combine(folder, RunFolder.ResumeDir)))
                Directory.Delete(Path.Combine(folder, RunFolder.ResumeDir), recursive: true);
            lock (state)
            {
                (job.Elapsed, job.PeakRssMb, job.Score, job.Intermediate) = (result.Elapsed, result.PeakRssMb, score, reports);
                job.Status = result.ExitCode switch
                {
                    ExitCodes.Success => "done",
                    _ when job.Pruned => "pruned",
                    ExitCodes.Interrupted or ExitCodes.Terminated => "interrupted",
                    _ => $"failed ({result.ExitCode})",
                };
                if (failed) job.Error = FirstErrorLine(result.ErrorTail);
                running.Remove(job, out var source);
                source?.Dispose();
                changed(job);
            }
            await SaveAsync();
        }

        var tasks = new List<Task>();
        try
        {
            while (true)
            {
                while (tasks.Count >= spec.Parallelism) tasks.Remove(await Task.WhenAny(tasks));
                SweepJob? job;
                CancellationTokenSource source;
                lock (state)
                {
                    if (cancellationToken.IsCancellationRequested || (request.FailFast && plan.Jobs.Any(j => j.Error is not null))) break;
                    job = plan.Next();
                    if (job is null) break;
                    job.Folder = Path.Combine(sweep.Path, job.Framework.Sweep.Subdir);
                    job.Status = "running";
                    source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    running[job] = source;
                    changed(job);
                }
                tasks.Add(RunJobAsync(job, source.Token));
                await SaveAsync();
            }
            await Task.WhenAll(tasks);
        }
        finally
        {
            await stopPruning.CancelAsync();
            await pruning;
        }
        lock (state)
        {
            foreach (var job in plan.Jobs.Where(j => j.Status == "queued"))
            {
                job.Status = "skipped";
                changed(job);
            }
        }
        await SaveAsync();
        return plan.Jobs.All(j => j.Status is "done" or "pruned") ? ExitCodes.Success
            : cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.JobsFailed;
    }

    /// <summary>
    /// Until stopped: reads each running trial's metric after every epoch so far and asks the pruner about it; a trial
    /// to prune is cancelled through the launcher (it saves and exits, and ends as pruned).
    /// </summary>
    private static async Task PruneAsync(SweepPlan plan, IPruner pruner, Lock state, Dictionary<SweepJob, CancellationTokenSource> running,
        Action<SweepJob> changed, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.WhenAny(Task.Delay(PruneInterval, stop));
            List<SweepJob> active;
            lock (state) active = [.. running.Keys.Where(j => !j.Pruned)];
            var reports = new Dictionary<SweepJob, IReadOnlyList<(int Step, double Value)>>();
            foreach (var job in active) reports[job] = TrialReports.Read(job.Folder!, plan.Objective.Metric);
            lock (state)
            {
                foreach (var (job, intermediate) in reports) job.Intermediate = intermediate;
                var trials = plan.Jobs.Select(j => j.Trial).ToList();
                foreach (var job in active.Where(j => j.Intermediate.Count > 0 && running.ContainsKey(j)))
                {
                    if (!pruner.ShouldPrune(job.Trial, trials)) continue;
                    File.WriteAllText(Path.Combine(job.Folder!, RunFolder.PrunedFile), "");
                    job.Pruned = true;
                    running[job].Cancel();
                    changed(job);
                }
            }
        }
    }

    /// <summary>
    /// The job's command with its overrides, pinned to its folder, its sweep and the same configs; with its share of the
    /// cores (<paramref name="threads"/>) unless its config sets the command's threads itself.
    /// </summary>
    private static List<string> Arguments(MultirunRequest request, SweepJob job, string sweep, int? threads)
    {
        List<string> arguments = [request.Command, .. job.Overrides.Select(o => o.Text)];
        if (threads is { } count && request.ThreadsKey is { } key && ConfigPath.Find(job.JobConfig, key) is null or ConfigScalar { Value: null })
            arguments.Add($"++{key}={count}");
        arguments.AddRange([$"mlops.run.dir={Quote(job.Folder!)}", "mlops.run.latest=null", $"mlops.job.sweep={Quote(Path.GetFullPath(sweep))}"]);
        if (request.Source.ConfigFrom is { } from) arguments.AddRange(["--config-from", Path.GetFullPath(from)]);
        else
            arguments.AddRange(["--config-dir", Path.GetFullPath(ConfigLocator.Find(request.Source.ConfigDir, request.Source.ConfigName)),
                "--config-name", request.Source.ConfigName]);
        arguments.AddRange(request.ExtraArguments ?? []);
        return arguments;
    }

    /// <summary>
    /// Whether the job resumes: its folder holds a resume point (an earlier run of the sweep was stopped in it, and the
    /// sweep is resumed). A pruning decision that run did not record is dropped: the job runs on, so it was not pruned. A
    /// folder left without a resume point (stopped before its first save) is cleared, so the job starts over in it.
    /// </summary>
    private static bool PrepareFolder(string folder, string sweep)
    {
        if (Directory.Exists(Path.Combine(folder, RunFolder.ResumeDir)))
        {
            File.Delete(Path.Combine(folder, RunFolder.PrunedFile));
            return true;
        }
        var full = Path.GetFullPath(folder);
        if (Directory.Exists(full) && full.StartsWith(Path.GetFullPath(sweep) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            Directory.Delete(full, recursive: true);
        return false;
    }

    /// <summary>The job's command resuming its folder from the state it saved, with its saved config.</summary>
    private static List<string> ResumeArguments(MultirunRequest request, string folder) =>
        [request.Command, "--resume", Path.GetFullPath(folder), .. request.ExtraArguments ?? []];

    private static string Quote(string value) => value.Contains('\'') ? $"\"{value.Replace("\"", "\\\"")}\"" : $"'{value}'";

    private static async Task<double?> ReadScoreAsync(SweepJob job)
    {
        var card = Path.Combine(job.Folder!, "model", ModelDirectory.CardFile);
        if (!File.Exists(card)) return null;
        var metrics = (await ModelCard.ReadAsync(card)).Metrics;
        return metrics.TryGetValue(job.ScoreKey, out var value) ? value : null;
    }

    private static string FirstErrorLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
        ?? text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "(no error output)";
}
