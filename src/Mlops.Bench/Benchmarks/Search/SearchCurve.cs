using System.Text.Json.Nodes;
using Mlops.Runs.Multirun;

namespace Mlops.Bench.Benchmarks.Search;

/// <summary>
/// What a sweep paid for what it found: the best validation score so far against the trial-epochs spent so far, read
/// from its <c>multirun.yaml</c> and each trial's <c>metrics.jsonl</c> (one point per epoch a trial trained, trials in
/// the order they ran, pruned trials counting the epochs they trained). Jobs run one at a time, so that order is exact.
/// </summary>
public sealed record SearchCurve(string Name, IReadOnlyList<SearchCurve.Point> Points, int Trials, int PrunedTrials)
{
    /// <summary>After <paramref name="TrialEpochs"/> epochs of training across the sweep, the best score reported yet.</summary>
    public sealed record Point(int TrialEpochs, double Best);

    public int TrialEpochs => Points.Count == 0 ? 0 : Points[^1].TrialEpochs;
    public double Best => Points.Count == 0 ? double.NaN : Points[^1].Best;

    /// <summary>Reads the curve of the sweep in <paramref name="sweep"/> on <paramref name="metric"/>, larger being better.</summary>
    public static SearchCurve Read(string name, string sweep, string metric)
    {
        var entries = SweepSummary.Read(sweep, metric).Values.OrderBy(e => e.Num).ToList();
        var points = new List<Point>();
        var (spent, best) = (0, double.NegativeInfinity);
        foreach (var entry in entries.Where(e => e.Folder is not null))
        {
            // A sweep folder moved after it ran still holds its trials, under the names it recorded.
            var folder = Directory.Exists(entry.Folder) ? entry.Folder! : Path.Combine(sweep, Path.GetFileName(entry.Folder!));
            var trained = 0;
            foreach (var (epoch, value) in TrialReports.Read(folder, metric).Where(r => r.Step > 0))
            {
                // An epoch evaluated more than once (eval_every_n_steps) spends its epoch once.
                spent += Math.Max(0, epoch - trained);
                trained = Math.Max(trained, epoch);
                best = Math.Max(best, value);
                points.Add(new Point(spent, best));
            }
        }
        return new SearchCurve(name, points, entries.Count, entries.Count(e => e.Status == "pruned"));
    }

    /// <summary>The trial-epochs after which the best score first reached <paramref name="target"/>; null if it never did.</summary>
    public int? ReachedAt(double target) => Points.FirstOrDefault(p => p.Best >= target)?.TrialEpochs;

    /// <summary>The best score after <paramref name="trialEpochs"/> trial-epochs; null before the first report.</summary>
    public double? BestAfter(int trialEpochs) => Points.LastOrDefault(p => p.TrialEpochs <= trialEpochs)?.Best;

    public JsonObject ToJson() => new()
    {
        ["sweep"] = Name,
        ["trials"] = Trials,
        ["pruned_trials"] = PrunedTrials,
        ["trial_epochs"] = TrialEpochs,
        ["best"] = Points.Count == 0 ? null : Best,
        ["curve"] = new JsonArray([.. Points.Select(p => (JsonNode)new JsonArray(p.TrialEpochs, p.Best))]),
    };
}
