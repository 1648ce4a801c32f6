using System.Diagnostics;

namespace Mlops.Cli.Tests;

/// <summary>
/// Runs the real <c>mlops</c> program (built beside the tests) as a child process and captures its output. For what needs
/// a process of its own: signals, exit codes end to end, multiruns (which start children) and training; parsing,
/// messages and config printing run in-process through <see cref="InProcessMlops"/>.
/// </summary>
public static class MlopsProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string All => StdOut + StdErr;
    }

    /// <summary>Overrides that shrink the model to the unit-test size (2 layers, hidden 32).</summary>
    public static readonly string[] TinyModel = ["model.layers=2", "model.hidden=32", "model.heads=2", "model.intermediate=64"];

    /// <summary>Overrides for a few-second training run of the tiny model on the synthetic data.</summary>
    public static readonly string[] QuickRun = [.. TinyModel, "training.max_epochs=1", "training.limit_train_batches=4", "training.limit_val_batches=2"];

    /// <summary>
    /// How to start <c>mlops</c> in <paramref name="workingDirectory"/>, offline and with no inherited config. It starts
    /// through <c>env --default-signal</c>: a test run started in the background by a non-interactive shell inherits
    /// SIGINT as ignored, and the child would inherit that too; the signal tests must not depend on where they run.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--default-signal=INT,TERM", "dotnet", Program }.Concat(args))
            start.ArgumentList.Add(arg);
        Isolate(start);
        return start;
    }

    /// <summary>The program's entry assembly, built beside the tests.</summary>
    public static string Program { get; } = Path.Combine(AppContext.BaseDirectory, "mlops.dll");

    /// <summary>
    /// The environment every <c>mlops</c> a test starts gets, whatever starts it (this class, or a shell that runs a
    /// page's command line): offline, one libtorch thread, a download cache in its working folder, no inherited config.
    /// </summary>
    public static void Isolate(ProcessStartInfo start)
    {
        start.Environment["HF_HUB_OFFLINE"] = "1";
        // One libtorch (OpenMP) thread per child: test classes run two at a time beside other test hosts, and libtorch's
        // default of a thread per core spin-waits for cores they hold; a tiny run then took ~10 s instead of ~1.5 s.
        start.Environment["OMP_NUM_THREADS"] = "1";
        start.Environment["MLOPS_CACHE"] = Path.Combine(start.WorkingDirectory, "cache");
        start.Environment.Remove("MLOPS_CONFIG_DIR");
        start.Environment.Remove("MLOPS_COLA_DIR");
    }

    public static Task<Result> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs <c>mlops</c> with extra environment variables (e.g. the dynamic loader's <c>LD_DEBUG</c>).</summary>
    public static Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return RunAsync(start, TimeSpan.FromMinutes(3));
    }

    /// <summary>
    /// Runs <paramref name="start"/> to its end and captures its output; a process still running after
    /// <paramref name="timeout"/> is killed with its children, and a <see cref="TimeoutException"/> says which.
    /// </summary>
    public static async Task<Result> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{start.FileName} {string.Join(' ', start.ArgumentList)}' was still running after {timeout.TotalSeconds:0} s, and was killed.");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
