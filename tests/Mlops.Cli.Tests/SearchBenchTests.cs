using Mlops.Bench.Benchmarks.Search;

namespace Mlops.Cli.Tests;

/// <summary>
/// <c>mlops bench search</c>'s curve, read from a generated sweep folder as a sweep leaves it: trials in their order, a
/// pruned trial counting only the epochs it trained, an epoch evaluated twice spent once, a trial with no reports none;
/// and the grid's surface read from such a folder, which the many-seed comparison searches.
/// </summary>
public sealed class SearchBenchTests : TempDirectoryTest
{
    private string Sweep(params (string Status, string Metrics)[] trials) =>
        Sweep([.. trials.Select((t, num) => ($"training.lr={num}e-4", t.Status, t.Metrics))]);

    private string Sweep(params (string Overrides, string Status, string Metrics)[] trials)
    {
        var sweep = Path.Combine(Dir, "sweep");
        var summary = new System.Text.StringBuilder("jobs:\n");
        for (var num = 0; num < trials.Length; num++)
        {
            var folder = Path.Combine(sweep, $"{num}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "metrics.jsonl"), trials[num].Metrics);
            summary.Append($"- num: {num}\n  overrides: [{trials[num].Overrides}]\n  status: {trials[num].Status}\n  folder: {folder}\n");
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

    private static string Epochs(params double[] scores) =>
        string.Concat(scores.Select((score, epoch) => $"{{\"epoch\":{epoch},\"val_mcc\":{score.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}\n"));

    [Fact]
    public void The_grid_surface_holds_each_jobs_scores_by_rate_and_weighting_and_interpolates_in_log_rate()
    {
        var sweep = Sweep(
            ("training.lr=1e-5, model.balance_classes=false", "done", Epochs(0, 0)),
            ("training.lr=1e-5, model.balance_classes=true", "done", Epochs(0.1, 0.2)),
            ("training.lr=1e-3, model.balance_classes=false", "done", Epochs(0, 0.1)),
            ("training.lr=1e-3, model.balance_classes=true", "done", Epochs(0.3, 0.4)));

        var surface = GridSurface.Read(sweep, "val_mcc");

        Assert.Equal([1e-5, 1e-3], surface.LearningRates);
        Assert.Equal(2, surface.Epochs);
        Assert.Equal(0.2, surface.Score(1e-5, weighted: true, epoch: 2), 1e-12);
        Assert.Equal(0.3, surface.Score(1e-4, weighted: true, epoch: 2), 1e-12); // halfway in log(lr)
        Assert.Equal(0.05, surface.Score(1e-4, weighted: false, epoch: 2), 1e-12);
        Assert.Equal(0.4, surface.Score(1e-2, weighted: true, epoch: 2), 1e-12); // clamped beyond the grid

        // Searched with the benchmark's space (lr in [1e-5, 5e-4]), a target only weighted trials reach is reached
        // by most seeds, one above anything on the surface by none.
        var search = new SurfaceSearch(surface, Trials: 12, StartupTrials: 4, Multivariate: false, NoiseSd: 0);
        Assert.True(Enumerable.Range(0, 10).Count(seed => search.ReachedAt(0.25, seed) is not null) >= 8);
        Assert.All(Enumerable.Range(0, 10), seed => Assert.Null(search.ReachedAt(0.5, seed)));
    }
}
