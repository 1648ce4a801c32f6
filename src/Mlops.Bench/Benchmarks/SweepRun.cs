using System.Globalization;
using System.Text.Json.Nodes;
using Mlops.Config.Tree;
using Mlops.Config.Yaml;
using Mlops.Core.Processes;
using Mlops.Runs.Multirun;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// One <c>mlops train -m</c> of a sweep at one <c>launcher.parallelism</c>: the sweep process measured as a user runs it,
/// and each job's wall seconds and peak RSS from its <c>multirun.yaml</c> (the sweep process's own RSS leaves its jobs out).
/// </summary>
public sealed record SweepRun(int Parallelism, Measurement Sweep, IReadOnlyList<double> JobSeconds, IReadOnlyList<double> JobPeakRssMb)
{
    /// <summary>
    /// Runs the sweep of <paramref name="overrides"/> with <paramref name="parallelism"/> jobs at once, in
    /// <paramref name="folder"/>; where a sweep already ran there, resumes it (<c>mlops train -m --resume</c>), which
    /// keeps its finished jobs.
    /// </summary>
    public static async Task<SweepRun> RunAsync(IReadOnlyList<string> overrides, int parallelism, string folder, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        string[] arguments = File.Exists(Path.Combine(folder, MultirunRunner.SummaryFile))
            ? ["--resume", folder]
            : [.. overrides, $"launcher.parallelism={parallelism}", $"mlops.sweep.dir={folder}"];
        var sweep = await Measurement.RunPlainAsync(self, [.. prefix, "train", "-m", .. arguments], cancellationToken);
        var (seconds, peakRssMb) = ReadJobs(folder);
        return new SweepRun(parallelism, sweep, seconds, peakRssMb);
    }

    /// <summary>Each job's wall seconds and peak RSS, as the sweep in <paramref name="folder"/> recorded them in its <c>multirun.yaml</c>.</summary>
    public static (IReadOnlyList<double> Seconds, IReadOnlyList<double> PeakRssMb) ReadJobs(string folder)
    {
        var summary = Path.Combine(folder, MultirunRunner.SummaryFile);
        var jobs = ((ConfigList)YamlConfigReader.Read(File.ReadAllText(summary), summary)["jobs"]!).Items.Cast<ConfigMap>().ToList();
        return ([.. jobs.Select(job => Number(job, "seconds"))], [.. jobs.Select(job => Number(job, "peak_rss_mb"))]);
    }

    public JsonObject ToJson() => new()
    {
        ["benchmark"] = $"sweep-parallelism-{Parallelism}",
        ["parallelism"] = Parallelism,
        ["jobs"] = JobSeconds.Count,
        ["wall_s"] = Sweep.WallSeconds,
        ["sweep_peak_rss_mb"] = Sweep.PeakRssMb,
        ["largest_job_peak_rss_mb"] = JobPeakRssMb.Max(),
        ["job_seconds"] = new JsonArray([.. JobSeconds.Select(s => (JsonNode)s)]),
    };

    private static double Number(ConfigMap job, string key) => Convert.ToDouble(((ConfigScalar)job[key]!).Value, CultureInfo.InvariantCulture);
}
