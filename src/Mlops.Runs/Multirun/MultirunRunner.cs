using Mlops.Config;
using Mlops.Config.Hosting;
using Mlops.Config.Multirun;
using Mlops.Config.Tree;
using Mlops.Config.Yaml;
using Mlops.Core;
using Mlops.Runs.Slurm;

namespace Mlops.Runs.Multirun;

/// <summary>
/// A multirun (<c>mlops train -m</c>): expands the sweeps into jobs and checks every job's config before running any
/// (a typo fails in a second, not after the first job), then runs the jobs through an <see cref="IJobLauncher"/>, in
/// order and up to <see cref="LauncherSpec.Parallelism"/> at once, each pinned to its own folder, keeps each failed job's
/// <c>error.log</c>, and ends with <c>multirun.yaml</c> in the sweep folder. Showing progress is the caller's: it is
/// told each time a job changes, one job at a time.
/// </summary>
public sealed class MultirunRunner(IJobLauncher launcher)
{
    public const string SummaryFile = "multirun.yaml";
    public const string ErrorLogFile = "error.log";

    /// <summary>Every job of the sweep with its resolved, bound config; a config error in any job throws before anything runs.</summary>
    public static IReadOnlyList<SweepJob> Plan<TSchema>(MultirunRequest request, Func<TSchema, string> scoreKey) where TSchema : class, IMultirunHostConfig
    {
        var now = DateTimeOffset.Now;
        var jobs = SweepExpander.Expand(request.Overrides).Select((overrides, num) =>
        {
            var spec = new JobSpec { Num = num, OverrideDirname = JobName.FromOverrides(overrides) };
            var config = ConfigLoader.Resolve<TSchema>(ConfigLoader.Compose(request.Source, overrides), now, spec);
            return new SweepJob(num, overrides, config.Composed.Choices, config.JobConfig, config.Options.Mlops, config.Options.Launcher,
                scoreKey(config.Options));
        }).ToList();
        if (jobs.FirstOrDefault(job => LauncherSection(job) != LauncherSection(jobs[0])) is { } other)
            throw new ConfigException($"The sweep varies the launcher (jobs {jobs[0].Num} and {other.Num} differ), but one launcher runs the whole sweep.",
                "Give every launcher key one value.");
        return jobs;
    }

    private static string LauncherSection(SweepJob job) => ConfigPath.Find(job.JobConfig, "launcher") is { } node ? YamlConfigWriter.Write(node) : "";

    /// <summary>The launcher that runs <paramref name="jobs"/>, as their <c>launcher</c> section says.</summary>
    public static IJobLauncher Launcher(IReadOnlyList<SweepJob> jobs)
    {
        var spec = jobs[0].Launcher;
        return spec.Kind switch
        {
            LauncherKind.Slurm => new SlurmLauncher(spec.Slurm, spec.JobThreads(Environment.ProcessorCount)!.Value),
            _ => new LocalProcessLauncher(),
        };
    }

    /// <summary>Creates the sweep folder for <paramref name="jobs"/> (a new one, never reused).</summary>
    public static RunFolder CreateSweepFolder(IReadOnlyList<SweepJob> jobs) => RunFolder.CreateNew(jobs[0].Framework.Sweep.Dir);

    /// <summary>
    /// Runs the jobs, started in order, up to the launcher's parallelism at once, and returns the exit code: success,
    /// interrupted, or <see cref="ExitCodes.JobsFailed"/>. After a failure with fail-fast, or once cancelled, the jobs not
    /// yet started are skipped and the running ones end (cancelled ones through the launcher).
    /// </summary>
    public async Task<int> RunAsync(MultirunRequest request, IReadOnlyList<SweepJob> jobs, RunFolder sweep, Action<SweepJob> changed,
        CancellationToken cancellationToken)
    {
        await launcher.CheckAsync(cancellationToken);
        var spec = jobs[0].Launcher;
        var threads = spec.JobThreads(Environment.ProcessorCount);
        var state = new Lock(); // the jobs' states and the calls to changed, which draws them, one job at a time
        // The loop itself is never cancelled: a job not started by Ctrl+C must still be visited to be marked skipped.
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = spec.Parallelism }, async (job, _) =>
        {
            string folder;
            lock (state)
            {
                if (cancellationToken.IsCancellationRequested || (request.FailFast && jobs.Any(j => j.Error is not null)))
                {
                    job.Status = "skipped";
                    changed(job);
                    return;
                }
                folder = Path.Combine(sweep.Path, job.Framework.Sweep.Subdir);
                job.Folder = folder;
                job.Status = "running";
                changed(job);
            }
            var launch = new JobLaunch(job.Num, Arguments(request, job, sweep.Path, threads), ResumeArguments(request, folder), folder,
                Path.GetFullPath(sweep.Path));
            var result = await launcher.RunAsync(launch, cancellationToken);
            var failed = result.ExitCode != ExitCodes.Success;
            if (failed)
            {
                Directory.CreateDirectory(folder);
                await AtomicFile.WriteAllTextAsync(Path.Combine(folder, ErrorLogFile), result.ErrorTail + "\n", CancellationToken.None);
            }
            var score = failed ? null : await ReadScoreAsync(job);
            lock (state)
            {
                (job.Elapsed, job.PeakRssMb, job.Score) = (result.Elapsed, result.PeakRssMb, score);
                job.Status = result.ExitCode switch
                {
                    ExitCodes.Success => "done",
                    ExitCodes.Interrupted or ExitCodes.Terminated => "interrupted",
                    _ => $"failed ({result.ExitCode})",
                };
                if (failed) job.Error = FirstErrorLine(result.ErrorTail);
                changed(job);
            }
        });
        await AtomicFile.WriteAllTextAsync(Path.Combine(sweep.Path, SummaryFile), Summary(jobs), CancellationToken.None);
        return jobs.All(j => j.Status == "done") ? ExitCodes.Success
            : cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.JobsFailed;
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

    private static string Summary(IEnumerable<SweepJob> jobs)
    {
        var list = new ConfigList(jobs.Select(job =>
        {
            var entry = new ConfigMap();
            entry["num"] = ConfigScalar.Plain(job.Num.ToString());
            entry["overrides"] = new ConfigList(job.Overrides.Select(o => ConfigScalar.String(o.Text)));
            entry["status"] = ConfigScalar.String(job.Status);
            entry["folder"] = job.Folder is null ? ConfigScalar.Null() : ConfigScalar.String(job.Folder);
            entry[job.ScoreKey] = job.Score is { } s ? ConfigScalar.Plain(ScalarLiteral.Format(s)) : ConfigScalar.Null();
            entry["seconds"] = job.Elapsed is { } t ? ConfigScalar.Plain(ScalarLiteral.Format(Math.Round(t.TotalSeconds, 1))) : ConfigScalar.Null();
            entry["peak_rss_mb"] = job.PeakRssMb is { } rss ? ConfigScalar.Plain(ScalarLiteral.Format(Math.Round(rss))) : ConfigScalar.Null();
            return (ConfigNode)entry;
        }));
        var root = new ConfigMap();
        root["jobs"] = list;
        return YamlConfigWriter.Write(root);
    }

    private static string FirstErrorLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
        ?? text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "(no error output)";
}
