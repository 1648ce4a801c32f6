using System.Diagnostics;
using System.Text;

namespace Mlops.Cli.Tests;

/// <summary><c>mlops demo</c> as a process for the tests: a tiny run of it, interrupted at a chosen line, and the processes it may have left behind.</summary>
public static class DemoProcess
{
    /// <summary>The demo's training shrunk to the unit-test model and a few batches.</summary>
    public static readonly string[] QuickDemo = ["model=tiny", .. MlopsProcess.QuickRun];

    /// <summary>Starts the demo in <paramref name="demo"/>, and once a line of its output contains <paramref name="line"/>, runs <paramref name="check"/> and sends <paramref name="signal"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilAsync(string dir, string demo, string line, string signal, Func<Task> check, params string[] options)
    {
        using var process = Process.Start(MlopsProcess.StartInfo(dir, ["demo", "--dir", demo, .. options, .. QuickDemo]))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = new StringBuilder();
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is { } read)
            {
                output.AppendLine(read);
                if (read.Contains(line, StringComparison.Ordinal)) break;
            }
            await check();
            using (var kill = Process.Start("kill", [$"-{signal}", $"{process.Id}"])) await kill.WaitForExitAsync();
            output.Append(await process.StandardOutput.ReadToEndAsync());
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, output + await stderr);
    }

    /// <summary>Every live process but this one working in, or naming, <paramref name="dir"/>: what a demo left behind.</summary>
    public static List<string> Of(string dir) =>
        [.. Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(p => int.TryParse(p, out var pid) && pid != Environment.ProcessId)
            .Select(pid => (Pid: pid!, Cwd: Cwd(pid!), CommandLine: CommandLine(pid!)))
            .Where(p => p.Cwd.StartsWith(dir, StringComparison.Ordinal) || p.CommandLine.Contains(dir, StringComparison.Ordinal))
            .Select(p => $"{p.Pid} in {p.Cwd}: {p.CommandLine}")];

    private static string Cwd(string pid)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: false)?.FullName ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ""; // it exited meanwhile
        }
    }

    private static string CommandLine(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
