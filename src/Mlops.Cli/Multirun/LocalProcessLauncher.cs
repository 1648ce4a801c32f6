using System.Diagnostics;
using Mlops.Cli.Bench;

namespace Mlops.Cli.Multirun;

/// <summary>
/// Runs each job as a child <c>mlops</c> process, one after another, so a crash or a leak in one job cannot
/// touch the next. The child's console output is discarded except for the end of its error stream; its full
/// log is its run folder's <c>train.log</c>. On Ctrl+C the child gets the same signal, saves and exits.
/// </summary>
public sealed class LocalProcessLauncher : IJobLauncher
{
    private const int ErrorTailLines = 20;

    public async Task<JobResult> RunAsync(JobLaunch job, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(job.Arguments)) start.ArgumentList.Add(argument);

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var tail = new Queue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (tail)
            {
                tail.Enqueue(e.Data);
                if (tail.Count > ErrorTailLines) tail.Dequeue();
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        // Not cancelled with the token: the child receives Ctrl+C itself and needs the time to save its state.
        await process.WaitForExitAsync(CancellationToken.None);
        lock (tail) return new JobResult(process.ExitCode, clock.Elapsed, string.Join('\n', tail));
    }
}
