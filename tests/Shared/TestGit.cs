using System.Diagnostics;

namespace Mlops.Tests;

/// <summary>git in a test's scratch repository, with a fixed identity and no signing, so a commit works on any machine.</summary>
public static class TestGit
{
    /// <summary>Runs <c>git ARGS</c> in <paramref name="folder"/>; its standard output, trimmed. A failure fails the test, naming the command and git's error.</summary>
    public static async Task<string> RunAsync(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git", ["-C", folder, "-c", "user.email=ci@example.com", "-c", "user.name=ci", "-c", "commit.gpgsign=false", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEndAsync();
        var error = git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        Xunit.Assert.True(git.ExitCode == 0, $"git {string.Join(' ', args)}: {await error}");
        return (await output).Trim();
    }
}
