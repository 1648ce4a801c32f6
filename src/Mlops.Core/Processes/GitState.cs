namespace Mlops.Core.Processes;

/// <summary>The commit and dirty flag of the git working tree around a folder, read with the git command line.</summary>
public static class GitState
{
    /// <summary>The commit and whether tracked files have uncommitted changes; nulls outside a repository or without git.</summary>
    public static async Task<(string? Commit, bool? Dirty)> ReadAsync(string folder, CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await ChildProcess.RunAsync("git", ["-C", folder, "rev-parse", "HEAD"], cancellationToken);
            if (head.ExitCode != 0) return (null, null);
            // Tracked files only: the run folders a run writes are untracked and would make every run look dirty.
            var status = await ChildProcess.RunAsync("git", ["-C", folder, "status", "--porcelain", "--untracked-files=no"], cancellationToken);
            return (head.StdOutTail.Trim(), status.ExitCode == 0 ? status.StdOutTail.Trim().Length > 0 : null);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, null); // git is not installed
        }
    }
}
