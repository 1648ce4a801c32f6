using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Mlops.Tracking;
using Mlops.Tracking.Sqlite;

namespace Mlops.Cli.Tests;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM (containers, Slurm, preemption) during training save the resume point, say how to
/// resume, and exit 130 and 143; --resume continues; a multirun forwards SIGTERM to its running job.
/// </summary>
public sealed class InterruptTests : TempDirectoryTest
{
    private static readonly string[] LongTinyRun = [.. MlopsProcess.TinyModel, "training.max_epochs=50", "training.patience=0"];
    private static readonly string[] ThreeEpochRun = [.. MlopsProcess.TinyModel, "training.max_epochs=3", "training.patience=0"];

    /// <summary>Starts a three-epoch tiny run, waits for its first evaluation line (an epoch of state to keep), then sends <paramref name="signal"/>.</summary>
    private Task<(int ExitCode, string Output)> TrainAndSignalAsync(string signal, params string[] overrides) =>
        TrainAndSignalAsync(signal, () => { }, overrides);

    /// <summary>The same, doing <paramref name="beforeSignal"/> once the run folder has its first evaluation.</summary>
    private async Task<(int ExitCode, string Output)> TrainAndSignalAsync(string signal, Action beforeSignal, params string[] overrides)
    {
        using var process = Process.Start(MlopsProcess.StartInfo(Dir, ["train", .. ThreeEpochRun, .. overrides, "mlops.run.dir=run"]))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            output.AppendLine(line);
            if (line.StartsWith("epoch 1 ")) break;
        }
        beforeSignal();
        await SendAsync(signal, process.Id);
        output.Append(await process.StandardOutput.ReadToEndAsync());
        await process.WaitForExitAsync();
        return (process.ExitCode, output + await stderr);
    }

    private static async Task SendAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString()]);
        await kill.WaitForExitAsync();
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_saves_state_and_resume_continues_from_it(string signal, int exitCode)
    {
        var (code, output) = await TrainAndSignalAsync(signal);

        Assert.True(code == exitCode, $"exit {code}: {output}");
        Assert.Contains("mlops train --resume run", output);
        var state = Path.Combine(Dir, "run", "last", "trainer_state.json");
        Assert.True(File.Exists(state));
        Assert.Contains("\"global_step\"", File.ReadAllText(state));

        var resumed = await MlopsProcess.RunAsync(Dir, "train", "--resume", "run");
        Assert.True(resumed.ExitCode == 0, resumed.All);
        Assert.Contains("Resumed from", resumed.All);
        Assert.DoesNotContain("epoch 1 ", resumed.StdOut);
        Assert.Contains("epoch 3 ", resumed.StdOut);
    }

    [Fact]
    public async Task A_tracked_run_resumed_after_a_signal_is_the_same_run_with_each_step_recorded_once()
    {
        var (code, output) = await TrainAndSignalAsync("INT", "tracking=sqlite");
        Assert.True(code == 130, $"exit {code}: {output}");
        var interruptedAt = int.Parse(Regex.Match(output, @"Interrupted at step (\d+)").Groups[1].Value);

        var resumed = await MlopsProcess.RunAsync(Dir, "train", "--resume", "run");
        Assert.True(resumed.ExitCode == 0, resumed.All);
        await using var store = SqliteTrackingStore.Open(Path.Combine(Dir, "outputs", "mlops.db"));
        var run = Assert.Single(await store.ListRunsAsync(new RunQuery()));
        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.NotNull(run.ModelId);
        var steps = (await store.SeriesAsync(run.Id, "train_loss")).Select(p => p.Step).ToList();
        Assert.Equal(Enumerable.Range(1, steps.Count).Select(step => (long)step), steps);
        Assert.Contains($"Resumed at step {interruptedAt}: trained {steps.Count - interruptedAt} more steps", resumed.StdOut);
        var samples = (await store.SeriesAsync(run.Id, "system/rss_mb")).Select(p => p.Step).ToList();
        Assert.Equal(samples.Distinct(), samples);
    }

    [Fact]
    public async Task Sigterm_to_a_multirun_stops_its_running_job_cleanly_and_skips_the_rest()
    {
        var (code, output) = await SweepAndSigtermAsync(LongTinyRun);

        Assert.True(code == 143, $"exit {code}: {output}");
        var summary = File.ReadAllText(Path.Combine(Dir, "sweep", "multirun.yaml"));
        // "interrupted" means the job exited 143 by itself after saving, not that it was killed.
        Assert.Contains("status: interrupted", summary);
        Assert.Contains("status: skipped", summary);
        Assert.True(File.Exists(Path.Combine(Dir, "sweep", "0", "last", "trainer_state.json")));
    }

    /// <summary>Starts a sweep of two jobs (seeds 1 and 2) of <paramref name="run"/> in <c>sweep/</c>, and sends it SIGTERM once its first job has saved.</summary>
    private async Task<(int ExitCode, string Output)> SweepAndSigtermAsync(string[] run)
    {
        using var process = Process.Start(MlopsProcess.StartInfo(Dir, ["train", "-m", .. run, "mlops.sweep.dir=sweep", "training.seed=1,2"]))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var firstSave = Path.Combine(Dir, "sweep", "0", "last", "trainer_state.json");
        await Poll.UntilAsync(() => File.Exists(firstSave) || process.HasExited, () => "the first job never saved");
        await SendAsync("TERM", process.Id);
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task A_trial_its_sweep_pruned_is_recorded_as_pruned_not_killed()
    {
        var (code, output) = await TrainAndSignalAsync("TERM", () => File.WriteAllText(Path.Combine(Dir, "run", Mlops.Runs.RunFolder.PrunedFile), ""),
            "tracking=sqlite");

        Assert.True(code == 143, $"exit {code}: {output}");
        await using var store = SqliteTrackingStore.Open(Path.Combine(Dir, "outputs", "mlops.db"));
        Assert.Equal(RunStatus.Pruned, Assert.Single(await store.ListRunsAsync(new RunQuery())).Status);
    }

    [Fact]
    public async Task A_sweep_stopped_by_sigterm_is_resumed_from_its_folder_keeping_its_jobs_saved_state()
    {
        var (code, output) = await SweepAndSigtermAsync(ThreeEpochRun);
        Assert.True(code == 143, $"exit {code}: {output}");

        var resumed = await MlopsProcess.RunAsync(Dir, "train", "-m", "--resume", "sweep");

        Assert.True(resumed.ExitCode == 0, resumed.All);
        Assert.Contains("2 of 2 job(s) succeeded", resumed.StdOut);
        Assert.Contains("Resumed from", File.ReadAllText(Path.Combine(Dir, "sweep", "0", "train.log")));
        Assert.False(Directory.Exists(Path.Combine(Dir, "sweep", "0-1")), "the resumed job started over beside its folder");
        Assert.Equal(2, File.ReadAllText(Path.Combine(Dir, "sweep", "multirun.yaml")).Split("status: done").Length - 1);
    }
}
