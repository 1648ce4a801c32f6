namespace Mlops.Cli.Tests.Docs;

/// <summary>What became of one page command: skipped, and why; or run, as what (its example ids filled in), and how it ended.</summary>
public sealed record PageOutcome(PageCommand Command, string? SkippedBecause, string? RanAs = null, MlopsProcess.Result? Result = null)
{
    /// <summary>It ran and ended otherwise than its page says.</summary>
    public bool Failed => Result is { } result && result.ExitCode != Command.ExpectedExitCode;

    /// <summary>One line for the test output.</summary>
    public string Summary => SkippedBecause is not null
        ? $"skipped {Command}: {SkippedBecause}"
        : $"{(Failed ? "FAILED" : "ran")} {Command} -> exit {Result!.ExitCode}" + (RanAs == Command.Command ? "" : $" (as `{RanAs}`)");

    /// <summary>What a reader would see of a failure: the command, the exit codes and the end of its output.</summary>
    public string Report(int tail = 1500) =>
        $"{Command.File}:{Command.Line} `{RanAs}` exited {Result!.ExitCode}, the page says {Command.ExpectedExitCode}:\n" +
        (Result.All.Length > tail ? "..." + Result.All[^tail..] : Result.All);
}
