using System.Text.Json.Nodes;
using Mlops.Metrics;

namespace Mlops.Bench.Benchmarks.Issues;

/// <summary>One contestant on one seed's split: its scores on the test rows and what its run cost.</summary>
public sealed record IssueResult(int Seed, string ContestantId, string ContestantTitle, int TrainRows, int TestRows, ClassificationMetrics Metrics, ContestantRun Run)
{
    public JsonObject ToJson() => new()
    {
        ["benchmark"] = "github-issues",
        ["seed"] = Seed,
        ["contestant"] = ContestantId,
        ["engine"] = ContestantTitle,
        ["train_rows"] = TrainRows,
        ["test_rows"] = TestRows,
        ["accuracy"] = Metrics.Accuracy,
        ["f1_macro"] = Metrics.F1Macro,
        ["mcc"] = Metrics.Mcc,
        ["train_s"] = Run.TrainSeconds,
        ["predict_s"] = Run.PredictSeconds,
        ["wall_s"] = Run.WallSeconds,
        ["peak_rss_mb"] = Run.PeakRssMb,
    };
}
