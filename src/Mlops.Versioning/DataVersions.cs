using Mlops.Core;
using Mlops.Core.Processes;

namespace Mlops.Versioning;

/// <summary>
/// Which version of tracked data a run reads, so the model it trains can name it: for each path, the outputs of its
/// project's <c>.dvc</c> files that are the path, hold it or lie inside it, each with its hash, the commit checked out,
/// and whether that commit brings the same bytes back (<c>mlops data pull --rev</c>): the workspace matches the
/// <c>.dvc</c> file, and the commit's <c>.dvc</c> file names the same object. The workspace is compared as
/// <c>mlops data status</c> compares it, so a file whose size and mtime are unchanged is not hashed again.
/// </summary>
public static class DataVersions
{
    /// <summary>The tracked data among <paramref name="paths"/> (files or folders that exist); empty when nothing tracks them.</summary>
    public static async Task<IReadOnlyList<TrackedData>> OfAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var found = new List<TrackedData>();
        var existing = paths.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p)))
            .Where(p => File.Exists(p) || Directory.Exists(p));
        foreach (var project in existing.Select(p => (Path: p, Repository: DvcRepository.TryFind(p))).Where(p => p.Repository is not null)
                     .GroupBy(p => p.Repository!.Root))
        {
            var repository = project.First().Repository!;
            var files = await repository.ReadDvcFilesAsync(cancellationToken);
            var outputs = project.SelectMany(p => DataSelection.Covering(files, p.Path)).DistinctBy(s => (s.File.FilePath, s.Output.Path)).ToList();
            if (outputs.Count == 0) continue;
            var hashes = await HashCache.LoadAsync(repository, cancellationToken);
            var (commit, _) = await GitState.ReadAsync(repository.Root, cancellationToken);
            foreach (var output in outputs) found.Add(await CheckAsync(repository, output, hashes, commit, cancellationToken));
            await hashes.SaveAsync(cancellationToken);
        }
        return found;
    }

    private static async Task<TrackedData> CheckAsync(DvcRepository repository, DataSelection selection, HashCache hashes, string? commit,
        CancellationToken cancellationToken)
    {
        var (file, output) = (selection.File, selection.Output);
        var target = file.Resolve(output);
        var (path, dvcFile) = (Relative(repository, target), Relative(repository, file.FilePath));
        var change = await ChangeAsync();
        return new TrackedData(new DataVersion(path, output.Md5, dvcFile, commit, Dirty: change is not null), change);

        // Why the commit does not bring the output's bytes back, and what would make it; null when it does.
        async Task<string?> ChangeAsync()
        {
            if (DataWorkspace.State(target, output, hashes, cancellationToken) is { } state)
                return $"{path} is {state} since {dvcFile} was written (mlops data add {path}, then commit {dvcFile})";
            if (commit is null) return $"no git commit holds {dvcFile} (the project is not in a git repository, or nothing is committed yet)";
            if (await GitRevision.DvcFileAtAsync(repository, commit, file.FilePath, cancellationToken) is not { } committed)
                return $"{dvcFile} is not committed (git add {dvcFile}, then commit it)";
            return committed.Outs.Any(o => committed.Resolve(o) == target && o.Object == output.Object)
                ? null
                : $"{dvcFile} differs from the one committed at {commit[..Math.Min(12, commit.Length)]} (commit it)";
        }
    }

    private static string Relative(DvcRepository repository, string path) =>
        Path.GetRelativePath(repository.Root, path).Replace(Path.DirectorySeparatorChar, '/');
}

/// <summary>One version of tracked data a run reads, and, when its commit does not bring the same bytes back, why not.</summary>
public sealed record TrackedData(DataVersion Version, string? Change);
