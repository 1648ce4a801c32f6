using System.Diagnostics;
using Xunit.Abstractions;

namespace Mlops.Cli.Tests.Docs;

/// <summary>
/// Runs page commands as a reader's shell does: each line through <c>bash -o pipefail -c</c> in the reader's folder
/// (so <c>&amp;&amp;</c>, pipes and quotes mean what they mean there), with <c>mlops</c> the program built beside the
/// tests; a command a <see cref="PageCommandSkips"/> rule matches is not run. Each outcome goes to the test output.
/// </summary>
public sealed class PageCommandRunner(ITestOutputHelper output)
{
    /// <summary>Far above any command that is meant to run here; one still running is a server or a hang, and fails.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>What the shell defines before the page's line: <c>mlops</c> as the program built beside the tests.</summary>
    private static readonly string Mlops = $"mlops() {{ dotnet '{MlopsProcess.Program}' \"$@\"; }}\n";

    /// <summary>Runs <paramref name="commands"/> in order in <paramref name="folder"/>, each after <paramref name="substitute"/> fills in what the reader would.</summary>
    public async Task<IReadOnlyList<PageOutcome>> RunAsync(IEnumerable<PageCommand> commands, string folder, Func<string, string>? substitute = null)
    {
        var outcomes = new List<PageOutcome>();
        foreach (var command in commands)
        {
            var outcome = PageCommandSkips.Matching(command.Command) is { } rule
                ? new PageOutcome(command, rule.Reason)
                : await RunAsync(command, substitute?.Invoke(command.Command) ?? command.Command, folder);
            output.WriteLine(outcome.Summary);
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    private static async Task<PageOutcome> RunAsync(PageCommand command, string line, string folder)
    {
        var start = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-o", "pipefail", "-c", Mlops + line])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        MlopsProcess.Isolate(start);
        // The pages commit with git (`git add models.dvc ... && git commit`); a test machine may have no identity set.
        foreach (var role in new[] { "AUTHOR", "COMMITTER" })
        {
            start.Environment[$"GIT_{role}_NAME"] = "Page Reader";
            start.Environment[$"GIT_{role}_EMAIL"] = "reader@example.com";
        }
        try
        {
            return new PageOutcome(command, null, line, await MlopsProcess.RunAsync(start, Limit));
        }
        catch (TimeoutException e)
        {
            return new PageOutcome(command, null, line, new MlopsProcess.Result(-1, "", e.Message + " A server? Give it a rule in PageCommandSkips."));
        }
    }
}
