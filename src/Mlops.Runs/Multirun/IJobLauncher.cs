namespace Mlops.Runs.Multirun;

/// <summary>One job of a multirun: its number, the <c>mlops</c> arguments that run it, and its folder.</summary>
public sealed record JobLaunch(int Num, IReadOnlyList<string> Arguments, string Folder);

/// <summary>How a job ended: its exit code, wall time, the tail of its error output when it failed, and its peak memory.</summary>
public sealed record JobResult(int ExitCode, TimeSpan Elapsed, string ErrorTail, double PeakRssMb);

/// <summary>
/// Runs multirun jobs. Each job is fully described by its arguments and folder, so a launcher may run it
/// anywhere: <see cref="LocalProcessLauncher"/> runs them here, one process each; a cluster launcher can come later.
/// The runner calls it for several jobs at once when the sweep's parallelism is above 1.
/// </summary>
public interface IJobLauncher
{
    Task<JobResult> RunAsync(JobLaunch job, CancellationToken cancellationToken);
}
