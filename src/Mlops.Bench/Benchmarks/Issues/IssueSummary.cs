using System.Text.Json.Nodes;
using MathNet.Numerics.Statistics;

namespace Mlops.Bench.Benchmarks.Issues;

/// <summary>One contestant over all seeds: the mean and (from two seeds on) the sample standard deviation of each figure.</summary>
public sealed record IssueSummary(string ContestantId, string ContestantTitle, IReadOnlyList<int> Seeds, IReadOnlyDictionary<string, (double Mean, double? Sd)> Figures)
{
    /// <summary>The figures summarised, by their JSON key in <see cref="IssueResult.ToJson"/>.</summary>
    public static readonly string[] Keys = ["accuracy", "f1_macro", "mcc", "train_s", "predict_s", "wall_s", "peak_rss_mb"];

    public static IReadOnlyList<IssueSummary> Of(IReadOnlyList<IssueResult> results) =>
        [.. results.GroupBy(r => (r.ContestantId, r.ContestantTitle)).Select(group =>
        {
            var json = group.Select(r => r.ToJson()).ToList();
            var figures = Keys.ToDictionary(key => key, key =>
            {
                var values = json.Select(j => j[key]!.GetValue<double>()).ToList();
                return (values.Mean(), values.Count > 1 ? values.StandardDeviation() : (double?)null);
            });
            return new IssueSummary(group.Key.ContestantId, group.Key.ContestantTitle, [.. group.Select(r => r.Seed)], figures);
        })];

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["benchmark"] = "github-issues-mean", ["contestant"] = ContestantId, ["engine"] = ContestantTitle, ["seeds"] = new JsonArray([.. Seeds.Select(s => (JsonNode)s)]) };
        foreach (var (key, (mean, sd)) in Figures)
        {
            json[$"{key}_mean"] = mean;
            json[$"{key}_sd"] = sd;
        }
        return json;
    }
}
