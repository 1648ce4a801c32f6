namespace Mlops.Runs.Multirun;

/// <summary>
/// One job of a multirun: its number, the <c>mlops</c> arguments that run it and those that resume it from its saved
/// state, its folder and its sweep's folder, and whether to resume it (a resumed sweep's job that was stopped).
/// </summary>
public sealed record JobLaunch(int Num, IReadOnlyList<string> Arguments, IReadOnlyList<string> ResumeArguments, string Folder, string SweepFolder,
    bool Resume = false);

/// <summary>How a job ended: its exit code, wall time, the tail of its error output when it failed, and its peak memory where known.</summary>
public sealed record JobResult(int ExitCode, TimeSpan Elapsed, string ErrorTail, double? PeakRssMb);

/// <summary>
/// Runs multirun jobs. Each job is fully described by its arguments and folder, so a launcher may run it anywhere:
/// <see cref="LocalProcessLauncher"/> runs them here, one process each; <see cref="Slurm.SlurmLauncher"/> as batch jobs
/// on a cluster. The runner calls it for several jobs at once when the sweep's parallelism is above 1.
/// </summary>
public interface IJobLauncher
{
    /// <summary>Fails with one clear line, before any job starts, where the launcher cannot run jobs (e.g. no Slurm here).</summary>
    Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task<JobResult> RunAsync(JobLaunch job, CancellationToken cancellationToken);
}
