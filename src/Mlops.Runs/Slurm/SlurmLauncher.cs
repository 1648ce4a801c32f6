using System.Diagnostics;
using Mlops.Config;
using Mlops.Core;
using Mlops.Core.Processes;
using Mlops.Runs.Multirun;

namespace Mlops.Runs.Slurm;

/// <summary>
/// Runs each sweep job as a Slurm batch job (<see cref="SlurmJobScript"/>) and follows it with <c>scontrol show job</c>
/// until its script has written its exit code, or Slurm ended it without one (killed, node failure). A job requeued after
/// its time limit is let start after a few seconds rather than after the begin time Slurm gives it. Cancelling the sweep (Ctrl+C,
/// <c>--fail-fast</c>) cancels the job with <c>scancel</c>; it saves its resume point and ends as interrupted. The job
/// folders are on the file system the nodes share, so the sweep reads each job's model card as it would locally.
/// </summary>
public sealed class SlurmLauncher(SlurmSpec spec, int cpus) : IJobLauncher
{
    private const int ErrorTailLines = 20;

    /// <summary>
    /// How long a requeued job waits before it is let start: slurmd refuses to start a job whose credential it revoked
    /// in the same second ("Job credential revoked"), which is what Slurm's own delay of about two minutes guards against.
    /// </summary>
    private static readonly TimeSpan RequeueSettle = TimeSpan.FromSeconds(5);

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        var partitions = await SlurmCli.PartitionsAsync();
        if (spec.Partition is { } partition && !partitions.Contains(partition))
            throw new ConfigException($"launcher.slurm.partition: '{partition}' is not a partition of this cluster.",
                $"Its partitions: {string.Join(", ", partitions)} (sinfo lists them).");
    }

    public async Task<JobResult> RunAsync(JobLaunch job, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        var script = new SlurmJobScript(job, spec, cpus, [self, .. prefix], Environment.CurrentDirectory);
        var clock = Stopwatch.StartNew();
        var id = await StillQueuedAsync(script) ?? await SubmitAsync(script);
        var cancelled = false;
        TimeSpan? waitingSince = null;
        var cancelRequested = Task.Delay(Timeout.Infinite, cancellationToken);
        while (true)
        {
            if (File.Exists(script.ExitCodePath))
                return await EndedAsync(script, int.Parse(await File.ReadAllTextAsync(script.ExitCodePath, CancellationToken.None)), clock.Elapsed, null);
            if (cancellationToken.IsCancellationRequested && !cancelled)
            {
                cancelled = true;
                await SlurmCli.CancelAsync(id);
            }
            var state = await SlurmCli.ShowJobAsync(id);
            if (state is null || state.Ended)
            {
                // The script writes its exit code as its last step; Slurm may report the job ended a moment before that lands.
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
                if (File.Exists(script.ExitCodePath)) continue;
                var code = cancelled || state?.State is "CANCELLED" or "PREEMPTED" ? ExitCodes.Terminated : ExitCodes.Unexpected;
                return await EndedAsync(script, code, clock.Elapsed, $"Slurm job {id} ended {state?.State ?? "(no longer known to Slurm)"} before mlops wrote its exit code.");
            }
            waitingSince = state.WaitsToRestart ? waitingSince ?? clock.Elapsed : null;
            if (clock.Elapsed - waitingSince > RequeueSettle)
            {
                await SlurmCli.ReleaseAsync(id);
                waitingSince = null;
            }
            await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(spec.PollSeconds), CancellationToken.None), cancelRequested);
        }
    }

    /// <summary>The job an earlier run of the sweep submitted for this one, when Slurm still has it pending or running.</summary>
    private static async Task<string?> StillQueuedAsync(SlurmJobScript script)
    {
        if (!File.Exists(script.JobIdPath) || File.Exists(script.ExitCodePath)) return null;
        var id = (await File.ReadAllTextAsync(script.JobIdPath, CancellationToken.None)).Trim();
        return await SlurmCli.ShowJobAsync(id) is { Ended: false } ? id : null;
    }

    private async Task<string> SubmitAsync(SlurmJobScript script)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(script.ScriptPath)!);
        File.Delete(script.ExitCodePath); // a rerun of the sweep must not read the previous run's exit code
        await AtomicFile.WriteAllTextAsync(script.ScriptPath, script.Render(), CancellationToken.None);
        var id = await SlurmCli.SubmitAsync(script.ScriptPath);
        await AtomicFile.WriteAllTextAsync(script.JobIdPath, id + "\n", CancellationToken.None);
        return id;
    }

    private static async Task<JobResult> EndedAsync(SlurmJobScript script, int code, TimeSpan elapsed, string? note)
    {
        var lines = File.Exists(script.OutputPath) ? await File.ReadAllLinesAsync(script.OutputPath, CancellationToken.None) : [];
        var tail = string.Join('\n', lines.TakeLast(ErrorTailLines).Append(note ?? "").Where(l => l.Length > 0));
        return new JobResult(code, elapsed, tail, null);
    }
}
