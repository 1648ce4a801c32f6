using System.Diagnostics;
using Mlops.Tracking;
using Mlops.Tracking.Sqlite;

namespace Mlops.Cli.Tests;

/// <summary>
/// <c>launcher=slurm</c> on a real one-node cluster (MLOPS_TEST_SLURM; .ci/run starts it): sweeps submitted with sbatch
/// and tracked, a job signalled before its time limit requeued and resumed to the weights of an uninterrupted run, and Ctrl+C on the
/// sweep cancelling its jobs. Bad launcher input fails in one line before any job is submitted.
/// </summary>
public sealed class SlurmLauncherTests : TempDirectoryTest
{
    private static string[] OnSlurm(string partition) =>
        ["launcher=slurm", $"launcher.slurm.partition={partition}", "launcher.slurm.poll_seconds=0.5", "mlops.sweep.dir=sweep"];

    /// <summary>A tiny run of about half a minute, to be stopped while it trains.</summary>
    private static readonly string[] LongTinyRun = [.. MlopsProcess.TinyModel, "training.max_epochs=20", "training.patience=0"];

    [SkippableFact]
    public async Task An_eight_trial_sweep_runs_as_slurm_jobs_and_every_trial_is_a_run_in_the_store()
    {
        var partition = TestSlurm.Require();

        var result = await MlopsProcess.RunAsync(Dir, ["train", "-m", .. MlopsProcess.QuickRun, .. OnSlurm(partition), "tracking=sqlite",
            "training.seed=range(1,9)"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("8 of 8 job(s) succeeded", result.StdOut);
        for (var num = 0; num < 8; num++)
        {
            Assert.True(File.Exists(Path.Combine(Dir, "sweep", num.ToString(), "model", "mlops.json")), $"job {num} has no model");
            Assert.Equal("0", File.ReadAllText(Path.Combine(Dir, "sweep", ".slurm", $"{num}.exit")).Trim());
            Assert.Contains("#SBATCH --partition=" + partition, File.ReadAllText(Path.Combine(Dir, "sweep", ".slurm", $"{num}.sh")));
        }
        await using var store = SqliteTrackingStore.Open(Path.Combine(Dir, "outputs", "mlops.db"));
        var runs = await store.ListRunsAsync(new RunQuery { Sweep = Path.Combine(Dir, "sweep") });
        Assert.Equal(8, runs.Count);
        Assert.All(runs, run => Assert.Equal(RunStatus.Finished, run.Status));
    }

    [SkippableFact]
    public async Task A_job_signalled_before_its_time_limit_saves_is_requeued_and_resumes_to_the_weights_of_an_uninterrupted_run()
    {
        var partition = TestSlurm.Require();
        string[] run = [.. MlopsProcess.TinyModel, "training.max_epochs=6", "training.patience=0", "training.seed=3"];
        using var process = Process.Start(MlopsProcess.StartInfo(Dir, ["train", "-m", .. run, .. OnSlurm(partition)]))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var output = Path.Combine(Dir, "sweep", ".slurm", "0.out");
        await Poll.UntilAsync(() => (File.Exists(output) && File.ReadAllText(output).Contains("epoch 2 ")) || process.HasExited,
            () => "the job never finished its second epoch");
        // What Slurm sends at --signal=B:USR1@N before the time limit, sent now rather than on Slurm's coarse timer
        // (a real time limit was checked by hand: docs/benchmarks.md, Scale out).
        var id = File.ReadAllText(Path.Combine(Dir, "sweep", ".slurm", "0.id")).Trim();
        using (var signal = Process.Start("scancel", ["--signal=USR1", "--batch", id])) await signal.WaitForExitAsync();
        await process.WaitForExitAsync();
        var uninterrupted = await MlopsProcess.RunAsync(Dir, ["train", .. run, "training.threads=1", "mlops.run.dir=plain"]);

        var log = File.ReadAllText(output);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stdout}{await stderr}{log}");
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.All);
        Assert.Contains("Interrupted at step", log);
        var resumedAt = System.Text.RegularExpressions.Regex.Match(log, @"Resumed at step (\d+): trained (\d+) more steps");
        Assert.True(resumedAt.Success, log);
        Assert.True(int.Parse(resumedAt.Groups[1].Value) > 0, "the requeued job started over instead of resuming");
        Assert.Equal(File.ReadAllBytes(Path.Combine(Dir, "plain", "model", "model.safetensors")),
            File.ReadAllBytes(Path.Combine(Dir, "sweep", "0", "model", "model.safetensors")));
    }

    [SkippableFact]
    public async Task Ctrl_c_on_the_sweep_cancels_its_slurm_jobs_which_save_their_state()
    {
        var partition = TestSlurm.Require();
        using var process = Process.Start(MlopsProcess.StartInfo(Dir, ["train", "-m", .. LongTinyRun, .. OnSlurm(partition), "training.seed=1,2"]))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var output = Path.Combine(Dir, "sweep", ".slurm", "0.out");
        await Poll.UntilAsync(() => (File.Exists(output) && File.ReadAllText(output).Contains("epoch 1 ")) || process.HasExited,
            () => "job 0 never finished an epoch");
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) await kill.WaitForExitAsync();
        await process.WaitForExitAsync();

        var all = await stdout + await stderr;
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {all}");
        Assert.Contains("status: interrupted", File.ReadAllText(Path.Combine(Dir, "sweep", "multirun.yaml")));
        Assert.True(File.Exists(Path.Combine(Dir, "sweep", "0", "last", "trainer_state.json")), "the cancelled job saved no resume point");
        // The jobs leave the queue once Slurm has reaped them, a moment after they wrote their exit codes.
        await Poll.UntilAsync(async () => (await QueuedAsync()).Count == 0, () => $"still queued: {string.Join("; ", QueuedAsync().Result)}");
    }

    /// <summary>This test's jobs that Slurm still lists (pending, running or completing).</summary>
    private async Task<IReadOnlyList<string>> QueuedAsync()
    {
        using var squeue = Process.Start(new ProcessStartInfo("squeue", ["--noheader", "--format=%i %T %o"]) { RedirectStandardOutput = true })!;
        var lines = (await squeue.StandardOutput.ReadToEndAsync()).Split('\n').Where(line => line.Contains(Dir)).ToList();
        await squeue.WaitForExitAsync();
        return lines;
    }

    [SkippableFact]
    public async Task A_partition_the_cluster_does_not_have_fails_in_one_line_before_any_job_is_submitted()
    {
        TestSlurm.Require();

        var result = await MlopsProcess.RunAsync(Dir, ["train", "-m", .. MlopsProcess.QuickRun, .. OnSlurm("no-such-partition"), "training.seed=1,2"]);

        Assert.True(result.ExitCode == 5, result.All);
        Assert.Contains("launcher.slurm.partition: 'no-such-partition' is not a partition of this cluster", result.StdErr);
        Assert.DoesNotContain("   at ", result.All);
        Assert.False(Directory.Exists(Path.Combine(Dir, "sweep", ".slurm")), "a job was submitted");
    }

    [Fact]
    public async Task Launcher_slurm_without_slurm_installed_fails_in_one_line_before_any_job_starts()
    {
        var start = MlopsProcess.StartInfo(Dir, ["train", "-m", .. MlopsProcess.QuickRun, "launcher=slurm", "mlops.sweep.dir=sweep", "training.seed=1,2"]);
        // Only dotnet's own folder on PATH: no sbatch, sinfo or scontrol.
        start.Environment["PATH"] = Path.GetDirectoryName(Environment.ProcessPath)!;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 5, $"exit {process.ExitCode}: {await stdout}{stderr}");
        Assert.Contains("launcher=slurm, but Slurm's 'sinfo' is not on PATH here.", stderr);
        Assert.False(Directory.Exists(Path.Combine(Dir, "sweep", "0")));
    }
}
