using Mlops.Config.Tree;
using Mlops.Config.Yaml;
using Mlops.Core;

namespace Mlops.Runs.Multirun;

/// <summary>
/// A multirun's <c>multirun.yaml</c>: every job in plan order (overrides, status, score, folder, wall time, peak RSS)
/// and the best finished one, rewritten as each job starts and ends, so a sweep that is stopped (or whose machine went
/// down) leaves where it stood: what <c>mlops train -m --resume</c> continues and <c>mlops models register --sweep</c> reads.
/// </summary>
public static class SweepSummary
{
    /// <summary>A job as an earlier run of the sweep left it.</summary>
    public sealed record Entry(int Num, IReadOnlyList<string> Overrides, string Status, double? Score, string? Folder)
    {
        /// <summary>The job's wall time and peak RSS as recorded, so a resumed sweep keeps them for the jobs it does not rerun.</summary>
        public TimeSpan? Elapsed { get; init; }

        public double? PeakRssMb { get; init; }
    }

    public static string Write(SweepPlan plan)
    {
        var list = new ConfigList(plan.Jobs.Select(job =>
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
        root["best"] = BestJob(plan) is { } best ? Best(best, plan.Objective.Metric) : ConfigScalar.Null();
        return YamlConfigWriter.Write(root);
    }

    /// <summary>The jobs an earlier run of the sweep in <paramref name="sweep"/> recorded, by number.</summary>
    public static IReadOnlyDictionary<int, Entry> Read(string sweep, string metric)
    {
        var root = Load(sweep);
        if (root["jobs"] is not ConfigList jobs) return new Dictionary<int, Entry>();
        return jobs.Items.OfType<ConfigMap>().Select(job => new Entry(
            int.Parse(ConfigScalar.TextOf(job["num"])!),
            job["overrides"] is ConfigList overrides ? [.. overrides.Items.Select(o => ConfigScalar.TextOf(o)!)] : [],
            ConfigScalar.TextOf(job["status"]) ?? "queued",
            ConfigScalar.TextOf(job[metric]) is { } score ? ScalarLiteral.ParseFloat(score) : null,
            ConfigScalar.TextOf(job["folder"]))
        {
            Elapsed = Number(job["seconds"]) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            PeakRssMb = Number(job["peak_rss_mb"]),
        }).ToDictionary(e => e.Num);
    }

    private static double? Number(ConfigNode? node) => ConfigScalar.TextOf(node) is { } text ? ScalarLiteral.ParseFloat(text) : null;

    /// <summary>The best job's folder; one clear error where the sweep has no summary or no finished job.</summary>
    public static string BestFolder(string sweep) =>
        Load(sweep)["best"] is ConfigMap best && ConfigScalar.TextOf(best["folder"]) is { } folder
            ? folder
            : throw new MlopsException($"No job of the sweep in '{sweep}' finished with a score, so it has no best model.", "See the jobs' status in its multirun.yaml.",
                ExitCodes.ModelError);

    /// <summary>The finished job with the best score in the objective's direction, or null when none finished with one.</summary>
    public static SweepJob? BestJob(SweepPlan plan)
    {
        var scored = plan.Jobs.Where(j => j.Status == "done" && j.Score is not null);
        return plan.Objective.Maximize ? scored.MaxBy(j => j.Score) : scored.MinBy(j => j.Score);
    }

    private static ConfigMap Best(SweepJob job, string metric)
    {
        var best = new ConfigMap();
        best["num"] = ConfigScalar.Plain(job.Num.ToString());
        best["folder"] = ConfigScalar.String(Path.GetFullPath(job.Folder!));
        best[metric] = ConfigScalar.Plain(ScalarLiteral.Format(job.Score!.Value));
        return best;
    }

    private static ConfigMap Load(string sweep)
    {
        var path = Path.Combine(sweep, MultirunRunner.SummaryFile);
        return File.Exists(path)
            ? YamlConfigReader.Read(File.ReadAllText(path), path)
            : throw new MlopsException($"'{sweep}' has no {MultirunRunner.SummaryFile}.", "Pass the folder mlops train -m printed (Summary: .../multirun.yaml).");
    }
}
