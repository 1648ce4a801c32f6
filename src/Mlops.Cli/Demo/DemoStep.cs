using Mlops.Core;
using Mlops.Core.Processes;

namespace Mlops.Cli.Demo;

/// <summary>How one step of the demo went: its wall time, the peak memory of the processes doing its work, and what it did.</summary>
public sealed record DemoStepResult(int Number, string Name, TimeSpan Elapsed, double PeakRssMb, string Outcome);

/// <summary>
/// One step of <c>mlops demo</c> while it runs: it runs the project's own commands as child processes (the same
/// <c>mlops</c> a user would type), keeps the command that would rerun it alone, and the peak memory of everything
/// that worked for it; a failed command fails the step with the step's name, the reason and that command.
/// </summary>
public sealed class DemoStep(int number, int count, string name)
{
    private readonly List<string> _notes = [];
    private readonly List<Func<double>> _observed = [];
    private double _peakRssMb;

    public int Number => number;

    public string Name => name;

    /// <summary>The command that reruns this step alone, as the last command it ran: (folder, command line).</summary>
    public (string Directory, string Line)? Command { get; set; }

    /// <summary>Lines the step says about itself (a server it used, or the embedded alternative it chose), printed after it.</summary>
    public IReadOnlyList<string> Notes => _notes;

    public void Note(string line) => _notes.Add(line);

    /// <summary>Counts a server's peak memory, read by <paramref name="peakRssMb"/> when the step ends, as this step's.</summary>
    public void Observe(Func<double> peakRssMb) => _observed.Add(peakRssMb);

    /// <summary>Peak resident memory of this step's commands and observed servers, in MB.</summary>
    public double PeakRssMb => _observed.Select(peak => peak()).Append(_peakRssMb).Max();

    /// <summary>Runs <c>mlops ARGS</c> in <paramref name="directory"/>; its stdout when it succeeds, else the step fails.</summary>
    public Task<string> MlopsAsync(string directory, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (file, prefix) = ChildProcess.Self();
        return RunAsync(directory, file, [.. prefix, .. args], Display(args.Prepend("mlops")), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="file"/> (shown as <paramref name="line"/>) in <paramref name="directory"/>; its stdout when it
    /// succeeds, else the step fails. A <paramref name="script"/> runs in a process group of its own, stopped whole.
    /// </summary>
    public async Task<string> RunAsync(string directory, string file, IReadOnlyList<string> args, string line, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, bool script = false)
    {
        Command = (directory, line);
        var result = await ChildProcess.RunAsync(file, args, cancellationToken, workingDirectory: directory, environment: environment, ownGroup: script);
        cancellationToken.ThrowIfCancellationRequested();
        _peakRssMb = Math.Max(_peakRssMb, result.PeakRssMb);
        if (result.ExitCode != ExitCodes.Success)
            throw Failure($"`{line}` exited with code {result.ExitCode}: {Reason(result.StdErrTail) ?? Reason(result.StdOutTail) ?? "no output"}", result.ExitCode);
        return result.StdOutTail;
    }

    /// <summary>Awaits a server of this step; one that never got ready or did not answer fails the step, saying why.</summary>
    public async Task<T> WaitAsync<T>(Task<T> waiting)
    {
        try
        {
            return await waiting;
        }
        catch (MlopsException e)
        {
            throw Failure(e.Message);
        }
        catch (HttpRequestException e)
        {
            throw Failure($"a server the demo started did not answer: {e.Message}");
        }
    }

    /// <summary><see cref="WaitAsync{T}"/> for work with no result.</summary>
    public Task WaitAsync(Task waiting) => WaitAsync(Completed(waiting));

    private static async Task<bool> Completed(Task waiting)
    {
        await waiting;
        return true;
    }

    /// <summary>This step's failure: which step, why, and the command that reruns it alone; a failed command's own exit code.</summary>
    public MlopsException Failure(string reason, int exitCode = ExitCodes.StepFailed) =>
        new($"Step {number}/{count} ({name}) failed: {reason}",
            Command is var (directory, line) ? $"Rerun this step alone: cd '{directory}' && {line}" : null, exitCode);

    /// <summary>A command line as a user would type it (words quoted where a shell needs it).</summary>
    public static string Display(IEnumerable<string> words) =>
        string.Join(' ', words.Select(a => a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+".Contains(c)) ? a : $"'{a}'"));

    /// <summary>The child's one-line error (<c>error: ...</c>, as every mlops command writes it), else its last line.</summary>
    private static string? Reason(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal))?["error:".Length..].Trim() ?? lines.LastOrDefault();
    }
}
