using System.Globalization;
using System.Text.Json.Nodes;
using Mlops.Runs.Multirun;

namespace Mlops.Bench.Benchmarks.Search;

/// <summary>
/// The score surface a real grid of learning rate x class weighting measured: the validation score after each epoch at
/// each grid rate, per weighting, interpolated in log(lr) between rates (clamped outside). A search can then run on
/// what the grid saw hundreds of times over, ours and Optuna's alike, which one slow real search per seed cannot.
/// </summary>
public sealed record GridSurface(IReadOnlyList<double> LearningRates, IReadOnlyList<double[]> Unweighted, IReadOnlyList<double[]> Weighted)
{
    private readonly double[] _logRates = [.. LearningRates.Select(l => Math.Log(l))];

    /// <summary>Epochs each trial trains.</summary>
    public int Epochs => Weighted[0].Length;

    /// <summary>Reads the grid sweep in <paramref name="folder"/> (overrides <c>training.lr</c> and <c>model.balance_classes</c>).</summary>
    public static GridSurface Read(string folder, string metric)
    {
        var jobs = SweepSummary.Read(folder, metric).Values.Select(entry =>
        {
            string Value(string key) => entry.Overrides.Last(o => o.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
            var trial = Directory.Exists(entry.Folder) ? entry.Folder! : Path.Combine(folder, Path.GetFileName(entry.Folder!));
            var scores = TrialReports.Read(trial, metric).Where(r => r.Step > 0).GroupBy(r => r.Step).OrderBy(g => g.Key).Select(g => g.Last().Value).ToArray();
            return (Lr: double.Parse(Value("training.lr"), CultureInfo.InvariantCulture), Weighted: bool.Parse(Value("model.balance_classes")), Scores: scores);
        }).OrderBy(j => j.Lr).ToList();
        return new GridSurface([.. jobs.Select(j => j.Lr).Distinct()],
            [.. jobs.Where(j => !j.Weighted).Select(j => j.Scores)], [.. jobs.Where(j => j.Weighted).Select(j => j.Scores)]);
    }

    /// <summary>The score after <paramref name="epoch"/> (1-based) at <paramref name="lr"/>, interpolated in log(lr).</summary>
    public double Score(double lr, bool weighted, int epoch)
    {
        var rows = weighted ? Weighted : Unweighted;
        var (x, logs) = (Math.Log(lr), _logRates);
        if (x <= logs[0]) return rows[0][epoch - 1];
        if (x >= logs[^1]) return rows[^1][epoch - 1];
        var i = Array.FindLastIndex(logs, l => l <= x);
        var t = (x - logs[i]) / (logs[i + 1] - logs[i]);
        return rows[i][epoch - 1] + t * (rows[i + 1][epoch - 1] - rows[i][epoch - 1]);
    }

    public JsonObject ToJson() => new()
    {
        ["learning_rates"] = new JsonArray([.. LearningRates.Select(l => (JsonNode)l)]),
        ["unweighted"] = new JsonArray([.. Unweighted.Select(Row)]),
        ["weighted"] = new JsonArray([.. Weighted.Select(Row)]),
    };

    private static JsonNode Row(double[] scores) => new JsonArray([.. scores.Select(s => (JsonNode)s)]);
}
