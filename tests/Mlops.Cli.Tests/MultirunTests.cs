namespace Mlops.Cli.Tests;

/// <summary><c>mlops train -m</c>: one folder per job of the sweep's cartesian product, each reproducible from itself.</summary>
public sealed class MultirunTests : TempDirectoryTest
{
    [Fact]
    public async Task Four_tiny_jobs_write_four_folders_that_reproduce_their_runs()
    {
        var result = await MlopsProcess.RunAsync(Dir, ["train", "-m", .. MlopsProcess.QuickRun, "mlops.sweep.dir=sweep",
            "training.lr=1e-4,3e-4", "training.seed=1,2"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("4 of 4 job(s) succeeded", result.StdOut);
        var folders = Enumerable.Range(0, 4).Select(i => Path.Combine(Dir, "sweep", i.ToString())).ToList();
        foreach (var folder in folders)
            foreach (var file in new[] { "config.yaml", "overrides.yaml", "train.log", "metrics.jsonl", "model/mlops.json" })
                Assert.True(File.Exists(Path.Combine(folder, file)), $"{folder}/{file} missing");
        // The sweep reads training's resume point to tell a finished job (RunFolder.ResumeStateFile, its "finished" flag).
        Assert.All(folders, folder => Assert.True(Mlops.Runs.RunFolder.Finished(folder), $"{folder}: a finished job not recognised as finished"));
        Assert.Contains("lr: 1e-4", File.ReadAllText(Path.Combine(folders[1], "config.yaml")));
        Assert.Contains("seed: 2", File.ReadAllText(Path.Combine(folders[1], "config.yaml")));
        Assert.Contains("lr: 3e-4", File.ReadAllText(Path.Combine(folders[2], "config.yaml")));
        var summary = File.ReadAllText(Path.Combine(Dir, "sweep", "multirun.yaml"));
        Assert.Equal(4, summary.Split("status: done").Length - 1);
        Assert.False(Directory.Exists(Path.Combine(Dir, "outputs", "latest")), "jobs of a sweep must not move outputs/latest");

        var rerun = await MlopsProcess.RunAsync(Dir, "train", "--config-from", folders[3], "mlops.run.dir=rerun");
        Assert.True(rerun.ExitCode == 0, rerun.All);
        Assert.Equal(File.ReadAllText(Path.Combine(folders[3], "config.yaml")), File.ReadAllText(Path.Combine(Dir, "rerun", "config.yaml")));
        Assert.Equal(File.ReadAllText(Path.Combine(folders[3], "metrics.jsonl")), File.ReadAllText(Path.Combine(Dir, "rerun", "metrics.jsonl")));
    }

    [Fact]
    public async Task Fail_fast_stops_at_the_first_failed_job_and_keeps_its_error()
    {
        var result = await MlopsProcess.RunAsync(Dir, ["train", "-m", "--fail-fast", .. MlopsProcess.QuickRun, "mlops.sweep.dir=sweep",
            "model.pretrained=no-such-folder,none"]);

        Assert.True(result.ExitCode == 7, result.All); // jobs failed: not a bug of mlops, so not exit 1
        Assert.Contains("0 of 2 job(s) succeeded", result.StdOut);
        Assert.Contains("skipped", result.StdOut);
        Assert.Contains("no-such-folder", File.ReadAllText(Path.Combine(Dir, "sweep", "0", "error.log")));
        Assert.False(Directory.Exists(Path.Combine(Dir, "sweep", "1")));
    }

    [Fact]
    public async Task Two_jobs_side_by_side_each_train_a_model_with_their_share_of_the_cores()
    {
        var result = await MlopsProcess.RunAsync(Dir, ["train", "-m", .. MlopsProcess.QuickRun, "mlops.sweep.dir=sweep", "launcher.parallelism=2",
            "training.seed=1,2"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("2 at a time", result.StdOut);
        Assert.Contains("2 of 2 job(s) succeeded", result.StdOut);
        foreach (var folder in new[] { "0", "1" }.Select(num => Path.Combine(Dir, "sweep", num)))
        {
            Assert.True(File.Exists(Path.Combine(folder, "model", "mlops.json")), $"{folder} has no model");
            Assert.Matches(@"\n  threads: [1-9]", File.ReadAllText(Path.Combine(folder, "config.yaml")));
        }
    }

    [Fact]
    public async Task A_tpe_search_runs_its_trials_with_values_from_the_declared_distributions_and_each_trial_reports_to_its_folder()
    {
        var result = await MlopsProcess.RunAsync(Dir, ["train", "-m", .. MlopsProcess.QuickRun, "mlops.sweep.dir=sweep", "sweeper=tpe", "sweeper.trials=3",
            "sweeper.startup_trials=1", "sweeper.multivariate=true", "tracking=none", "training.lr=tag(log, interval(1e-5, 1e-3))", "data.batch_size=16,32"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Multirun: 3 tpe trial(s)", result.StdOut);
        Assert.Contains("3 of 3 job(s) succeeded", result.StdOut);
        foreach (var num in new[] { "0", "1", "2" })
        {
            var config = File.ReadAllText(Path.Combine(Dir, "sweep", num, "config.yaml"));
            var lr = double.Parse(System.Text.RegularExpressions.Regex.Match(config, @"\n  lr: (\S+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(lr, 1e-5, 1e-3);
            Assert.Matches(@"\n  batch_size: (16|32)\n", config);
            // Early stopping reads each trial's reports, so a sweep's trials write them even with tracking=none.
            Assert.True(File.Exists(Path.Combine(Dir, "sweep", num, "metrics.jsonl")), $"trial {num} wrote no metrics.jsonl");
        }
    }
}
