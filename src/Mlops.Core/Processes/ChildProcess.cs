using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Mlops.Core.Processes;

/// <summary>How a child process ended: exit code, the last lines of each stream, its peak memory and wall time.</summary>
public sealed record ChildProcessResult(int ExitCode, string StdOutTail, string StdErrTail, double PeakRssMb, TimeSpan Elapsed);

/// <summary>
/// The one way this program starts another process (multirun jobs, benchmark sides): output captured line by line
/// (the last <see cref="TailLines"/> of each stream kept), peak RSS read from <c>/proc/PID/status</c> (VmHWM) while it
/// runs, and cancellation forwarded as SIGTERM, so a training child saves its resume point and exits by itself.
/// </summary>
public static class ChildProcess
{
    public const int TailLines = 200;

    /// <summary>Arguments that start this same program (through the dotnet host when needed).</summary>
    [UnconditionalSuppressMessage("SingleFile", "IL3000", Justification = "The entry assembly's file is read only when the dotnet host runs it, so it is never a single-file or native binary.")]
    public static (string File, string[] Prefix) Self()
    {
        var host = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? (host, [Assembly.GetEntryAssembly()!.Location])
            : (host, []);
    }

    /// <summary>
    /// Runs <paramref name="file"/> to its end (SIGTERM on cancellation), in <paramref name="workingDirectory"/> when
    /// given, with extra <paramref name="environment"/> variables; <paramref name="started"/> gets its process id. With
    /// <paramref name="ownGroup"/> it starts in a process group of its own (through <c>setsid</c>) and the SIGTERM goes
    /// to the whole group: a script's children stop with it instead of living on (a build's compilers, say).
    /// </summary>
    public static async Task<ChildProcessResult> RunAsync(string file, IEnumerable<string> args, CancellationToken cancellationToken, Action<int>? started = null,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null, bool ownGroup = false)
    {
        var clock = Stopwatch.StartNew();
        using var process = ownGroup ? Start("setsid", args.Prepend(file), workingDirectory, environment) : Start(file, args, workingDirectory, environment);
        started?.Invoke(process.Id);
        var stdout = new OutputTail(TailLines);
        var stderr = new OutputTail(TailLines);
        process.OutputDataReceived += (_, e) => stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // setsid execs the command in place (a spawned child is no group leader), so its id is the group's.
        await using var forward = cancellationToken.Register(() => kill(ownGroup ? -process.Id : process.Id, SigTerm));
        var peakMb = 0.0;
        while (!process.HasExited)
        {
            peakMb = Math.Max(peakMb, PeakRssMb(process.Id) ?? 0);
            await Task.WhenAny(process.WaitForExitAsync(CancellationToken.None), Task.Delay(20, CancellationToken.None));
        }
        await process.WaitForExitAsync(CancellationToken.None); // drains the output events
        return new ChildProcessResult(process.ExitCode, stdout.Text, stderr.Text, peakMb, clock.Elapsed);
    }

    /// <summary>Starts <paramref name="file"/> with both output streams redirected, in <paramref name="workingDirectory"/> when given.</summary>
    internal static Process Start(string file, IEnumerable<string> args, string? workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return Process.Start(start) ?? throw new MlopsException($"Could not start '{file}'.");
    }

    /// <summary>Asks a process to stop (SIGTERM), as a container runtime or Slurm would.</summary>
    public static void Terminate(int processId) => kill(processId, SigTerm);

    /// <summary>
    /// CPU time a running process has used so far, user and system (fields 14 and 15 of <c>/proc/PID/stat</c>, in clock
    /// ticks of 1/100 s, the Linux default), or null where that cannot be read.
    /// </summary>
    public static double? CpuSeconds(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A running process's peak resident memory so far (VmHWM in <c>/proc/PID/status</c>), or null where that cannot be read.</summary>
    public static double? PeakRssMb(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
                if (line.StartsWith("VmHWM:"))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim()) / 1024.0;
        }
        catch (IOException)
        {
            // The process exited between the check and the read, or there is no /proc.
        }
        return null;
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
