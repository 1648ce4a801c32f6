using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// What <c>mlops data</c> does to a project's workspace, cache and remote: add files and folders (hash, cache, write
/// the <c>.dvc</c> file and the <c>.gitignore</c> entry), report what changed, push what the remote lacks, and pull and
/// check out what the workspace lacks. Hashing and copying run on a bounded pool; every object is verified where it lands.
/// </summary>
public sealed class DataWorkspace(DvcRepository repository)
{

    /// <summary>One tracked output's state against the workspace and the cache.</summary>
    public sealed record OutputStatus(string DvcFile, string Path, string State);

    /// <summary>Tracks <paramref name="path"/> (a file or a folder): its objects in the cache, <c>PATH.dvc</c> beside it, and <c>/NAME</c> in the folder's .gitignore.</summary>
    public async Task<DvcFile> AddAsync(string path, CancellationToken cancellationToken)
    {
        var full = repository.Inside(path).TrimEnd(Path.DirectorySeparatorChar);
        var hashes = await HashCache.LoadAsync(repository, cancellationToken);
        DvcOut output;
        if (File.Exists(full))
        {
            var md5 = await hashes.Md5Async(full, cancellationToken);
            await ObjectLayout.PlaceAsync(full, repository.CacheDir, md5, cancellationToken);
            output = new DvcOut(md5, new FileInfo(full).Length, Path.GetFileName(full));
        }
        else if (Directory.Exists(full))
        {
            var manifest = await FolderHasher.ManifestAsync(full, async (file, token) =>
            {
                var md5 = await hashes.Md5Async(file, token);
                await ObjectLayout.PlaceAsync(file, repository.CacheDir, md5, token);
                return md5;
            }, cancellationToken);
            // The manifest lands as every object does: a temporary file, checked against its name, renamed.
            await ObjectLayout.LandAsync(repository.CacheDir, manifest.Hash, full, temporary => File.WriteAllBytesAsync(temporary, manifest.ToBytes(), cancellationToken),
                cancellationToken);
            var size = manifest.Entries.Sum(e => new FileInfo(Path.Combine(full, e.RelPath)).Length);
            output = new DvcOut(manifest.Hash, size, Path.GetFileName(full), manifest.Entries.Count);
        }
        else throw new MlopsException($"'{path}' does not exist.", "Name a file or folder in the project.", ExitCodes.UserError);
        await hashes.SaveAsync(cancellationToken);
        var dvcFile = new DvcFile(full + DvcFile.Extension, [output]);
        await dvcFile.WriteAsync(cancellationToken);
        await IgnoreAsync(full, cancellationToken);
        return dvcFile;
    }

    /// <summary>Every tracked output whose workspace copy differs from its <c>.dvc</c> file, or whose objects are not in the cache.</summary>
    public async Task<IReadOnlyList<OutputStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        var changes = new List<OutputStatus>();
        var hashes = await HashCache.LoadAsync(repository, cancellationToken);
        foreach (var file in repository.DvcFiles())
        {
            var dvcFile = await DvcFile.ReadAsync(file, cancellationToken);
            foreach (var output in dvcFile.Outs)
            {
                var relative = Path.GetRelativePath(repository.Root, file);
                var state = await StateAsync(dvcFile.Resolve(output), output, hashes, cancellationToken);
                if (state is not null) changes.Add(new OutputStatus(relative, output.Path, state));
                else if (!await InCacheAsync(output, cancellationToken)) changes.Add(new OutputStatus(relative, output.Path, "not in cache"));
            }
        }
        await hashes.SaveAsync(cancellationToken);
        return changes;
    }

    /// <summary>Sends the remote every cached object the project's <c>.dvc</c> files name that it lacks; returns (sent, already there).</summary>
    public async Task<(int Sent, int Present)> PushAsync(IDvcRemote remote, CancellationToken cancellationToken)
    {
        var wanted = await ReferencedAsync(await WorkspaceFilesAsync(cancellationToken), cancellationToken);
        var missingLocally = wanted.Where(m => !File.Exists(repository.CachePath(m))).ToList();
        if (missingLocally.Count > 0)
            throw new MlopsException($"{missingLocally.Count} object(s) the .dvc files name are not in the cache, e.g. {missingLocally[0]}.",
                "Pull them first (mlops data pull), or re-add what changed (mlops data add PATH).", ExitCodes.DataError);
        var present = await remote.ExistingAsync(wanted, cancellationToken);
        var sending = wanted.Where(m => !present.Contains(m)).ToList();
        await Parallel.ForEachAsync(sending, FolderHasher.Pool(cancellationToken),
            async (md5, token) => await remote.UploadAsync(md5, repository.CachePath(md5), token));
        return (sending.Count, present.Count);
    }

    /// <summary>
    /// Fetches what the cache lacks from the remote, then checks out every output; returns (fetched, outputs written).
    /// <paramref name="files"/> pulls other <c>.dvc</c> files than the workspace's (those of a git revision).
    /// </summary>
    public async Task<(int Fetched, int CheckedOut)> PullAsync(IDvcRemote remote, CancellationToken cancellationToken, IReadOnlyList<DvcFile>? files = null) =>
        (await FetchAsync(remote, cancellationToken, files), await CheckoutAsync(cancellationToken, files));

    /// <summary>
    /// Re-hashes every cached object the <c>.dvc</c> files name and returns those whose bytes no longer match their
    /// name; with a remote, each is deleted and fetched again (verified on arrival).
    /// </summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(IDvcRemote? remote, CancellationToken cancellationToken)
    {
        var corrupt = new System.Collections.Concurrent.ConcurrentBag<string>();
        var cached = (await ReferencedAsync(await WorkspaceFilesAsync(cancellationToken), cancellationToken)).Where(m => File.Exists(repository.CachePath(m))).ToList();
        await Parallel.ForEachAsync(cached, FolderHasher.Pool(cancellationToken), async (md5, token) =>
        {
            if (!await ObjectLayout.MatchesAsync(repository.CachePath(md5), md5, token)) corrupt.Add(md5);
        });
        if (remote is not null)
            foreach (var md5 in corrupt)
            {
                File.Delete(repository.CachePath(md5));
                await remote.DownloadAsync(md5, repository.CacheDir, cancellationToken);
            }
        return [.. corrupt.Order(StringComparer.Ordinal)];
    }

    /// <summary>Fetches into the cache, verified, every object the <c>.dvc</c> files name that it lacks; returns how many.</summary>
    public async Task<int> FetchAsync(IDvcRemote remote, CancellationToken cancellationToken, IReadOnlyList<DvcFile>? files = null)
    {
        files ??= await WorkspaceFilesAsync(cancellationToken);
        var fetched = 0;
        // Folder manifests first: the files they list are only known once they are here.
        foreach (var pass in new[] { true, false })
        {
            var wanted = (await ReferencedAsync(files, cancellationToken)).Where(m => m.EndsWith(DirManifest.Suffix, StringComparison.Ordinal) == pass)
                .Where(m => !File.Exists(repository.CachePath(m))).ToList();
            await Parallel.ForEachAsync(wanted, FolderHasher.Pool(cancellationToken),
                async (md5, token) => await remote.DownloadAsync(md5, repository.CacheDir, token));
            fetched += wanted.Count;
        }
        return fetched;
    }

    /// <summary>Writes every output whose workspace copy differs from its <c>.dvc</c> file from the cache; returns how many it wrote.</summary>
    public async Task<int> CheckoutAsync(CancellationToken cancellationToken, IReadOnlyList<DvcFile>? files = null)
    {
        var written = 0;
        var hashes = await HashCache.LoadAsync(repository, cancellationToken);
        foreach (var dvcFile in files ?? await WorkspaceFilesAsync(cancellationToken))
        {
            foreach (var output in dvcFile.Outs)
            {
                var target = dvcFile.Resolve(output);
                if (await StateAsync(target, output, hashes, cancellationToken) is null) continue;
                if (!output.IsFolder) await CopyOutAsync(output.Md5, target, cancellationToken);
                else
                    foreach (var entry in (await ManifestAsync(output.Md5, cancellationToken)).Entries)
                    {
                        var path = Path.Combine(target, entry.RelPath.Replace('/', Path.DirectorySeparatorChar));
                        if (!File.Exists(path) || await hashes.Md5Async(path, cancellationToken) != entry.Md5) await CopyOutAsync(entry.Md5, path, cancellationToken);
                    }
                written++;
            }
        }
        await hashes.SaveAsync(cancellationToken);
        return written;
    }

    /// <summary>Null when the workspace matches the output; otherwise what differs ("modified", "deleted").</summary>
    private static async Task<string?> StateAsync(string path, DvcOut output, HashCache hashes, CancellationToken cancellationToken)
    {
        if (!output.IsFolder)
            return !File.Exists(path) ? "deleted" : await hashes.Md5Async(path, cancellationToken) == output.Md5 ? null : "modified";
        if (!Directory.Exists(path)) return "deleted";
        return (await FolderHasher.ManifestAsync(path, hashes.Md5Async, cancellationToken)).Hash == output.Md5 ? null : "modified";
    }

    private async Task<bool> InCacheAsync(DvcOut output, CancellationToken cancellationToken) =>
        File.Exists(repository.CachePath(output.Md5))
        && (!output.IsFolder || (await ManifestAsync(output.Md5, cancellationToken)).Entries.All(e => File.Exists(repository.CachePath(e.Md5))));

    /// <summary>The workspace's <c>.dvc</c> files.</summary>
    private async Task<IReadOnlyList<DvcFile>> WorkspaceFilesAsync(CancellationToken cancellationToken)
    {
        var files = new List<DvcFile>();
        foreach (var path in repository.DvcFiles()) files.Add(await DvcFile.ReadAsync(path, cancellationToken));
        return files;
    }

    /// <summary>Every object <paramref name="files"/> name: each output's hash, and the files listed by folder manifests that are in the cache.</summary>
    private async Task<HashSet<string>> ReferencedAsync(IReadOnlyList<DvcFile> files, CancellationToken cancellationToken)
    {
        var objects = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
            foreach (var output in file.Outs)
            {
                objects.Add(output.Md5);
                if (output.IsFolder && File.Exists(repository.CachePath(output.Md5)))
                    objects.UnionWith((await ManifestAsync(output.Md5, cancellationToken)).Entries.Select(e => e.Md5));
            }
        return objects;
    }

    private async Task<DirManifest> ManifestAsync(string md5, CancellationToken cancellationToken)
    {
        var path = repository.CachePath(md5);
        return DirManifest.Parse(await File.ReadAllBytesAsync(path, cancellationToken), path);
    }

    /// <summary>Copies object <paramref name="md5"/> from the cache to <paramref name="target"/> (a copy, DVC's safe default), by temp file and rename.</summary>
    private async Task CopyOutAsync(string md5, string target, CancellationToken cancellationToken)
    {
        var source = repository.CachePath(md5);
        if (!File.Exists(source))
            throw new MlopsException($"Object {md5} for {target} is not in the cache.", "Fetch it: mlops data pull.", ExitCodes.DataError);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await AtomicFile.WriteAsync(target, async stream =>
        {
            await using var input = File.OpenRead(source);
            await input.CopyToAsync(stream, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Adds <c>/NAME</c> to the .gitignore beside <paramref name="path"/> unless it is there (git must not track what DVC does).</summary>
    private static async Task IgnoreAsync(string path, CancellationToken cancellationToken)
    {
        var gitignore = Path.Combine(Path.GetDirectoryName(path)!, ".gitignore");
        var entry = "/" + Path.GetFileName(path);
        var lines = File.Exists(gitignore) ? await File.ReadAllLinesAsync(gitignore, cancellationToken) : [];
        if (lines.Contains(entry)) return;
        await AtomicFile.WriteAllTextAsync(gitignore, string.Concat(lines.Append(entry).Select(l => l + "\n")), cancellationToken);
    }
}
