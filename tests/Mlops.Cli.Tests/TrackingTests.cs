namespace Mlops.Cli.Tests;

/// <summary>A real training run with tracking=sqlite, read back with mlops runs list and show.</summary>
public sealed class TrackingTests : TempDirectoryTest
{
    [Fact]
    public async Task A_tracked_run_is_listed_with_its_metrics_and_shown_with_its_params()
    {
        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "tracking=sqlite"]);
        Assert.True(train.ExitCode == 0, train.All);
        Assert.True(File.Exists(Path.Combine(Dir, "outputs", "mlops.db")), "the store is created on first use");
        Assert.True(File.Exists(Path.Combine(Dir, "outputs", "latest", "metrics.jsonl")), "metrics.jsonl is still written");

        var list = await MlopsProcess.RunAsync(Dir, "runs", "list", "--sort", "val_mcc");
        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains("finished", list.StdOut);
        var id = System.Text.RegularExpressions.Regex.Match(list.StdOut, @"│ ([0-9a-f]{12}) ").Groups[1].Value;
        Assert.Matches("^[0-9a-f]{12}$", id);
        Assert.Matches(@"0\.\d{4}", list.StdOut);

        var show = await MlopsProcess.RunAsync(Dir, "runs", "show", "--run", id[..6]);
        Assert.True(show.ExitCode == 0, show.All);
        foreach (var expected in new[] { id, "train_loss", "val_mcc", "lr", "system/rss_mb", "training.max_epochs", "model.hidden", "sha256:" })
            Assert.Contains(expected, show.StdOut);
    }

    [Fact]
    public async Task Unknown_runs_missing_stores_and_bad_uris_are_one_line_each()
    {
        var missing = await MlopsProcess.RunAsync(Dir, "runs", "list");
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("No tracking store at sqlite:outputs/mlops.db yet", missing.All);

        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "tracking=sqlite"]);
        Assert.True(train.ExitCode == 0, train.All);
        var unknown = await MlopsProcess.RunAsync(Dir, "runs", "show", "--run", "ffffffffffff");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("error: No run 'ffffffffffff' in the tracking store", unknown.All);

        var bad = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "tracking=sqlite", "tracking.uri=mysql://x"]);
        Assert.Equal(5, bad.ExitCode);
        Assert.Contains("tracking.uri 'mysql://x' names no store this mlops can open.", bad.All);
        foreach (var result in new[] { missing, unknown, bad }) Assert.DoesNotContain("   at ", result.All);
    }
}
