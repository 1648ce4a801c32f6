using Mlops.Core.Processes;

namespace Mlops.Runs.Multirun;

/// <summary>
/// Runs each job as a child <c>mlops</c> process (as many at once as the runner starts), so a crash or a leak in one
/// job cannot touch another. The child's console output is discarded except for the end of its error stream; its full
/// log is its run folder's <c>train.log</c>. On Ctrl+C or SIGTERM the child is sent SIGTERM, saves and exits.
/// </summary>
public sealed class LocalProcessLauncher : IJobLauncher
{
    private const int ErrorTailLines = 20;

    public async Task<JobResult> RunAsync(JobLaunch job, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        var result = await ChildProcess.RunAsync(self, [.. prefix, .. job.Resume ? job.ResumeArguments : job.Arguments], cancellationToken);
        var errors = result.StdErrTail.Split('\n');
        return new JobResult(result.ExitCode, result.Elapsed, string.Join('\n', errors.TakeLast(ErrorTailLines)), result.PeakRssMb);
    }
}
