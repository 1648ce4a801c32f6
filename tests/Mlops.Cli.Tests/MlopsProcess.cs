using System.Diagnostics;

namespace Mlops.Cli.Tests;

/// <summary>Runs the real <c>mlops</c> program (built beside the tests) as a child process and captures its output.</summary>
public static class MlopsProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string All => StdOut + StdErr;
    }

    public static async Task<Result> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mlops.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["HF_HUB_OFFLINE"] = "1";
        start.Environment["MLOPS_CACHE"] = Path.Combine(workingDirectory, "cache");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
