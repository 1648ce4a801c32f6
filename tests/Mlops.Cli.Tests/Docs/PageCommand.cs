namespace Mlops.Cli.Tests.Docs;

/// <summary>
/// One <c>mlops</c> command line a page shows: where (file and line), the command as a shell runs it (its comment
/// left out, <c>&amp;&amp;</c> and pipes kept), and the exit code the page announces for it (0 unless it says otherwise).
/// </summary>
public sealed record PageCommand(string File, int Line, string Command, int ExpectedExitCode = 0)
{
    public override string ToString() => $"{File}:{Line} `{Command}`" + (ExpectedExitCode == 0 ? "" : $" (exits {ExpectedExitCode})");
}
