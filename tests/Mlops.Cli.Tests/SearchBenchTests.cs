using Mlops.Bench.Benchmarks.Search;

namespace Mlops.Cli.Tests;

/// <summary>
/// <c>mlops bench search</c>'s curve, read from a generated sweep folder as a sweep leaves it: trials in their order, a
/// pruned trial counting only the epochs it trained, an epoch evaluated twice spent once, a trial with no reports none.
/// </summary>
public sealed class SearchBenchTests : TempDirectoryTest
{
    private string Sweep(params (string Status, string Metrics)[] trials)
    {
        var sweep = Path.Combine(Dir, "sweep");
        var summary = new System.Text.StringBuilder("jobs:\n");
        for (var num = 0; num < trials.Length; num++)
        {
            var folder = Path.Combine(sweep, $"{num}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "metrics.jsonl"), trials[num].Metrics);
            summary.Append($"- num: {num}\n  overrides: [training.lr={num}e-4]\n  status: {trials[num].Status}\n  folder: {folder}\n");
        }
        File.WriteAllText(Path.Combine(sweep, "multirun.yaml"), summary.ToString());
        return sweep;
    }

    [Fact]
    public void The_curve_counts_each_epoch_a_trial_trained_once_and_keeps_the_best_so_far()
    {
        var sweep = Sweep(
            ("done", "{\"epoch\":0,\"val_mcc\":0.1}\n{\"epoch\":1,\"val_mcc\":0.3}\n{\"epoch\":2,\"val_mcc\":0.2}\n"),
            ("pruned", "{\"epoch\":0,\"val_mcc\":0.05}\n"),
            ("failed", ""),
            ("done", "{\"epoch\":0,\"val_mcc\":0.2}\n{\"epoch\":0,\"val_mcc\":0.25,\"step\":50}\n{\"epoch\":1,\"val_mcc\":0.4}\n{\"epoch\":1,\"train_loss\":0.5}\n"));

        var curve = SearchCurve.Read("grid", sweep, "val_mcc");

        Assert.Equal([(1, 0.1), (2, 0.3), (3, 0.3), (4, 0.3), (5, 0.3), (5, 0.3), (6, 0.4)], curve.Points.Select(p => (p.TrialEpochs, p.Best)));
        Assert.Equal((4, 1, 6, 0.4), (curve.Trials, curve.PrunedTrials, curve.TrialEpochs, curve.Best));
        Assert.Equal(2, curve.ReachedAt(0.3));
        Assert.Null(curve.ReachedAt(0.41));
        Assert.Equal(0.3, curve.BestAfter(5));
        Assert.Null(curve.BestAfter(0));

        // Moved after it ran, the sweep reads the same from its new place.
        Directory.Move(sweep, Path.Combine(Dir, "moved"));
        Assert.Equal(curve.Points, SearchCurve.Read("grid", Path.Combine(Dir, "moved"), "val_mcc").Points);
    }
}
