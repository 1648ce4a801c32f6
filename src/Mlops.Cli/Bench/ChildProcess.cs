using System.Diagnostics;
using System.Reflection;
using Mlops.Core;

namespace Mlops.Cli.Bench;

/// <summary>
/// Runs a benchmark in its own process, so each measurement starts cold and its peak memory is its own:
/// peak RSS is read from <c>/proc/PID/status</c> (VmHWM, the high-water mark) while the process runs.
/// </summary>
public static class ChildProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr, double PeakRssMb, double WallSeconds);

    /// <summary>Arguments that start this same <c>mlops</c> program (through the dotnet host when needed).</summary>
    public static (string File, string[] Prefix) Self()
    {
        var host = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? (host, [Assembly.GetEntryAssembly()!.Location])
            : (host, []);
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)
            ?? throw new MlopsException($"Could not start '{file}'.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var peakKb = 0L;
        var statusPath = $"/proc/{process.Id}/status";
        while (!process.HasExited)
        {
            peakKb = Math.Max(peakKb, ReadHighWaterMarkKb(statusPath));
            try
            {
                await Task.Delay(20, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
        await process.WaitForExitAsync(cancellationToken);
        return new Result(process.ExitCode, await stdout, await stderr, peakKb / 1024.0, clock.Elapsed.TotalSeconds);
    }

    private static long ReadHighWaterMarkKb(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
                if (line.StartsWith("VmHWM:"))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim());
        }
        catch (IOException)
        {
            // The process exited between the check and the read.
        }
        return 0;
    }
}
