using System.Diagnostics;
using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// The <c>.dvc</c> files of a project as they were at a git revision (a tag, a branch, a commit), read with
/// <c>git ls-tree</c> and <c>git show</c> without touching the workspace's own: how an earlier model version is pulled,
/// and how training tells whether the commit it runs at names the data it reads.
/// </summary>
public static class GitRevision
{
    public static Task<IReadOnlyList<DvcFile>> DvcFilesAsync(DvcRepository repository, string revision, CancellationToken cancellationToken) =>
        DvcFilesAsync(repository, [revision], cancellationToken);

    /// <summary>The <c>.dvc</c> files of each of <paramref name="revisions"/>, one after another (what <c>gc</c> keeps).</summary>
    public static async Task<IReadOnlyList<DvcFile>> DvcFilesAsync(DvcRepository repository, IReadOnlyList<string> revisions, CancellationToken cancellationToken)
    {
        var files = new List<DvcFile>();
        if (revisions.Count == 0) return files;
        // Where the project sits in the git repository: the same for every revision, so asked once.
        var prefix = (await GitAsync(repository.Root, ["rev-parse", "--show-prefix"], cancellationToken)).Trim();
        foreach (var revision in revisions)
        {
            var listing = await GitAsync(repository.Root, ["ls-tree", "-r", "--name-only", revision, "--", "."], cancellationToken);
            foreach (var name in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(n => n.EndsWith(DvcFile.Extension, StringComparison.Ordinal)))
            {
                var relative = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
                if (relative.Split('/')[0] == DvcRepository.DvcDir) continue;
                var text = await GitAsync(repository.Root, ["show", $"{revision}:{name}"], cancellationToken);
                files.Add(DvcFile.Parse(text, Path.Combine(repository.Root, relative.Replace('/', Path.DirectorySeparatorChar)), $"{revision}:{name}"));
            }
        }
        return files;
    }

    /// <summary>The commits of every branch, every tag, or every commit of the repository (what <c>gc</c> keeps with <c>--all-branches</c>, <c>--all-tags</c>, <c>--all-commits</c>).</summary>
    public static async Task<IReadOnlyList<string>> CommitsAsync(DvcRepository repository, bool branches, bool tags, bool all, CancellationToken cancellationToken)
    {
        var commits = new SortedSet<string>(StringComparer.Ordinal);
        void Add(string listing) => commits.UnionWith(listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (all) Add(await GitAsync(repository.Root, ["rev-list", "--all"], cancellationToken));
        if (branches) Add(await GitAsync(repository.Root, ["for-each-ref", "--format=%(objectname)", "refs/heads"], cancellationToken));
        // An annotated tag's object is the tag, not the commit: %(*objectname) peels it.
        if (tags)
            Add(string.Join('\n', (await GitAsync(repository.Root, ["for-each-ref", "--format=%(objectname) %(*objectname)", "refs/tags"], cancellationToken))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])));
        return [.. commits];
    }

    /// <summary>
    /// <paramref name="path"/>, a <c>.dvc</c> file of the workspace, as <paramref name="revision"/> holds it; null when
    /// that revision has no such file (it was never committed there).
    /// </summary>
    public static async Task<DvcFile?> DvcFileAtAsync(DvcRepository repository, string revision, string path, CancellationToken cancellationToken)
    {
        var relative = Path.GetRelativePath(repository.Root, path).Replace(Path.DirectorySeparatorChar, '/');
        // REV:./PATH is relative to git's working folder, the project's root, wherever it sits in the repository.
        var (exitCode, text, _) = await RunAsync(repository.Root, ["show", $"{revision}:./{relative}"], cancellationToken);
        return exitCode == 0 ? DvcFile.Parse(text, path, $"{revision}:{relative}") : null;
    }

    private static async Task<string> GitAsync(string folder, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await RunAsync(folder, arguments, cancellationToken);
        if (exitCode != 0)
            throw new MlopsException($"git {string.Join(' ', arguments)} failed: {error.Trim().Split('\n')[0]}",
                "Name a revision this repository has (git tag, git log --oneline).", ExitCodes.UserError);
        return output;
    }

    /// <summary>Runs git in <paramref name="folder"/> to its end: its exit code, standard output and standard error.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string folder, IReadOnlyList<string> arguments,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new MlopsException($"git cannot be started ({e.Message}); pulling by revision reads the .dvc files from git.", "Install git.", ExitCodes.UserError, e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, await output, await error);
        }
    }
}
