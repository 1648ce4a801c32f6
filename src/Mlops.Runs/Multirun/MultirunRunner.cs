using Mlops.Config.Hosting;
using Mlops.Config.Multirun;
using Mlops.Config.Tree;
using Mlops.Config.Yaml;
using Mlops.Core;

namespace Mlops.Runs.Multirun;

/// <summary>
/// A multirun (<c>mlops train -m</c>): expands the sweeps into jobs and checks every job's config before running any
/// (a typo fails in a second, not after the first job), then runs the jobs one by one through an
/// <see cref="IJobLauncher"/>, each pinned to its own folder, keeps each failed job's <c>error.log</c>, and ends with
/// <c>multirun.yaml</c> in the sweep folder. Showing progress is the caller's: it is told each time a job changes.
/// </summary>
public sealed class MultirunRunner(IJobLauncher launcher)
{
    public const string SummaryFile = "multirun.yaml";
    public const string ErrorLogFile = "error.log";

    /// <summary>Every job of the sweep with its resolved, bound config; a config error in any job throws before anything runs.</summary>
    public static IReadOnlyList<SweepJob> Plan<TSchema>(MultirunRequest request, Func<TSchema, string> scoreKey) where TSchema : class, IHostConfig
    {
        var now = DateTimeOffset.Now;
        return SweepExpander.Expand(request.Overrides).Select((overrides, num) =>
        {
            var spec = new JobSpec { Num = num, OverrideDirname = JobName.FromOverrides(overrides) };
            var config = ConfigLoader.Resolve<TSchema>(ConfigLoader.Compose(request.Source, overrides), now, spec);
            return new SweepJob(num, overrides, config.Composed.Choices, config.JobConfig, config.Options.Mlops, scoreKey(config.Options));
        }).ToList();
    }

    /// <summary>Creates the sweep folder for <paramref name="jobs"/> (a new one, never reused).</summary>
    public static RunFolder CreateSweepFolder(IReadOnlyList<SweepJob> jobs) => RunFolder.CreateNew(jobs[0].Framework.Sweep.Dir);

    /// <summary>Runs the jobs in order and returns the exit code: success, interrupted, or <see cref="ExitCodes.JobsFailed"/>.</summary>
    public async Task<int> RunAsync(MultirunRequest request, IReadOnlyList<SweepJob> jobs, RunFolder sweep, Action<SweepJob> changed,
        CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            if (cancellationToken.IsCancellationRequested || (request.FailFast && jobs.Any(j => j.Error is not null)))
            {
                job.Status = "skipped";
                changed(job);
                continue;
            }
            job.Folder = Path.Combine(sweep.Path, job.Framework.Sweep.Subdir);
            job.Status = "running";
            changed(job);
            var result = await launcher.RunAsync(new JobLaunch(job.Num, Arguments(request, job, sweep.Path), job.Folder), cancellationToken);
            (job.Elapsed, job.PeakRssMb) = (result.Elapsed, result.PeakRssMb);
            job.Status = result.ExitCode switch
            {
                ExitCodes.Success => "done",
                ExitCodes.Interrupted or ExitCodes.Terminated => "interrupted",
                _ => $"failed ({result.ExitCode})",
            };
            if (result.ExitCode != ExitCodes.Success)
            {
                job.Error = FirstErrorLine(result.ErrorTail);
                Directory.CreateDirectory(job.Folder);
                await AtomicFile.WriteAllTextAsync(Path.Combine(job.Folder, ErrorLogFile), result.ErrorTail + "\n", CancellationToken.None);
            }
            else job.Score = await ReadScoreAsync(job);
            changed(job);
        }
        await AtomicFile.WriteAllTextAsync(Path.Combine(sweep.Path, SummaryFile), Summary(jobs), CancellationToken.None);
        return jobs.All(j => j.Status == "done") ? ExitCodes.Success
            : cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.JobsFailed;
    }

    /// <summary>The job's command with its overrides, pinned to its folder, its sweep and the same configs.</summary>
    private static List<string> Arguments(MultirunRequest request, SweepJob job, string sweep)
    {
        List<string> arguments = [request.Command, .. job.Overrides.Select(o => o.Text), $"mlops.run.dir={Quote(job.Folder!)}", "mlops.run.latest=null",
            $"mlops.job.sweep={Quote(Path.GetFullPath(sweep))}"];
        if (request.Source.ConfigFrom is { } from) arguments.AddRange(["--config-from", Path.GetFullPath(from)]);
        else
            arguments.AddRange(["--config-dir", Path.GetFullPath(ConfigLocator.Find(request.Source.ConfigDir, request.Source.ConfigName)),
                "--config-name", request.Source.ConfigName]);
        arguments.AddRange(request.ExtraArguments ?? []);
        return arguments;
    }

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
