using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// What <c>mlops data</c> does to a project's workspace and cache: add files and folders (hash, cache, write the
/// <c>.dvc</c> file and the <c>.gitignore</c> entry), report what changed, and check out what the workspace lacks.
/// Transfers with a remote and garbage collection are the other parts of this class. Hashing runs on a parallel
/// loop, copies and transfers on a pool of <paramref name="jobs"/> (0: four per core, DVC's default); every object is
/// verified where it lands.
/// </summary>
public sealed partial class DataWorkspace(DvcRepository repository, IProgress<DataProgress>? progress = null, int jobs = 0)
{
    private readonly int _jobs = jobs > 0 ? jobs : 4 * Environment.ProcessorCount;

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
            var md5 = hashes.Md5Of(full, legacy: false, cancellationToken);
            await ObjectLayout.PlaceAsync(full, repository.CacheDir, new DvcObject(md5), cancellationToken);
            output = new DvcOut(md5, new FileInfo(full).Length, Path.GetFileName(full));
        }
        else if (Directory.Exists(full))
        {
            var manifest = FolderHasher.Manifest(full, file => hashes.Md5Of(file, legacy: false, cancellationToken), cancellationToken);
            await ForEachAsync("caching", manifest.Entries, (entry, token) =>
                ObjectLayout.PlaceAsync(Path.Combine(full, entry.RelPath), repository.CacheDir, new DvcObject(entry.Md5), token), cancellationToken);
            // The manifest lands as every object does: a temporary file, checked against its name, renamed.
            await ObjectLayout.LandAsync(repository.CacheDir, new DvcObject(manifest.Hash), full,
                temporary => File.WriteAllBytesAsync(temporary, manifest.ToBytes(), cancellationToken), cancellationToken);
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
        foreach (var item in await SelectAsync(DataScope.Workspace, cancellationToken))
        {
            var relative = Path.GetRelativePath(repository.Root, item.File.FilePath);
            var state = State(item.File.Resolve(item.Output), item.Output, hashes, cancellationToken);
            if (state is not null) changes.Add(new OutputStatus(relative, item.Output.Path, state));
            else if (!await InCacheAsync(item.Output.Object, cancellationToken)) changes.Add(new OutputStatus(relative, item.Output.Path, "not in cache"));
        }
        await hashes.SaveAsync(cancellationToken);
        return changes;
    }

    /// <summary>Writes from the cache every selected output (or file of one) whose workspace copy differs; returns how many outputs it wrote to.</summary>
    public async Task<int> CheckoutAsync(DataScope scope, CancellationToken cancellationToken)
    {
        var written = 0;
        var hashes = await HashCache.LoadAsync(repository, cancellationToken);
        foreach (var item in await SelectAsync(scope, cancellationToken))
        {
            var (target, output) = (item.File.Resolve(item.Output), item.Output);
            if (item.Within is null && State(target, output, hashes, cancellationToken) is null) continue;
            var wrote = 0;
            if (!output.IsFolder)
            {
                CopyOut(output.Object, target, cancellationToken);
                wrote = 1;
            }
            else
                await ForEachAsync("checking out", ((await ManifestAsync(output.Object, cancellationToken)) ?? throw NotInCache(output.Object, target)).Entries
                    .Where(e => item.Includes(e.RelPath)).ToList(),
                    (entry, token) =>
                    {
                        var path = Path.Combine(target, entry.RelPath.Replace('/', Path.DirectorySeparatorChar));
                        if (!File.Exists(path) || hashes.Md5Of(path, output.Object.Legacy, token) != entry.Md5)
                        {
                            CopyOut(output.Object.Entry(entry.Md5), path, token);
                            Interlocked.Exchange(ref wrote, 1);
                        }
                        return Task.CompletedTask;
                    }, cancellationToken);
            written += wrote;
        }
        await hashes.SaveAsync(cancellationToken);
        return written;
    }

    /// <summary>Null when the workspace matches the output; otherwise what differs ("modified", "deleted").</summary>
    internal static string? State(string path, DvcOut output, HashCache hashes, CancellationToken cancellationToken)
    {
        var legacy = output.Object.Legacy;
        if (!output.IsFolder)
            return !File.Exists(path) ? "deleted" : hashes.Md5Of(path, legacy, cancellationToken) == output.Md5 ? null : "modified";
        if (!Directory.Exists(path)) return "deleted";
        return FolderHasher.Manifest(path, file => hashes.Md5Of(file, legacy, cancellationToken), cancellationToken).Hash == output.Md5 ? null : "modified";
    }

    private async Task<bool> InCacheAsync(DvcObject item, CancellationToken cancellationToken) =>
        File.Exists(repository.CachePath(item))
        && (!item.IsFolder || await ManifestAsync(item, cancellationToken) is { } manifest && manifest.Entries.All(e => File.Exists(repository.CachePath(item.Entry(e.Md5)))));

    /// <summary>The outputs <paramref name="scope"/> covers.</summary>
    private async Task<IReadOnlyList<DataSelection>> SelectAsync(DataScope scope, CancellationToken cancellationToken) =>
        DataSelection.Of(repository, scope.Files ?? await repository.ReadDvcFilesAsync(cancellationToken), scope.Target);

    /// <summary>
    /// Every object <paramref name="selections"/> name (each output's, and the selected files of folder manifests in
    /// the cache), and the folder outputs whose manifest is not in the cache or fails its hash, so whose files are unknown.
    /// </summary>
    private async Task<(HashSet<DvcObject> Objects, List<DataSelection> Unlisted)> ReferencedAsync(IReadOnlyList<DataSelection> selections,
        CancellationToken cancellationToken)
    {
        var objects = new HashSet<DvcObject>();
        var unlisted = new List<DataSelection>();
        foreach (var item in selections)
        {
            var output = item.Output.Object;
            objects.Add(output);
            if (!output.IsFolder) continue;
            if (await ManifestAsync(output, cancellationToken) is { } manifest)
                objects.UnionWith(manifest.Entries.Where(e => item.Includes(e.RelPath)).Select(e => output.Entry(e.Md5)));
            else unlisted.Add(item);
        }
        return (objects, unlisted);
    }

    /// <summary>
    /// The folder's manifest from the cache; null when the cache lacks it or holds other bytes under its name (corrupt:
    /// as good as missing, since the files it would list are unknown).
    /// </summary>
    private async Task<DirManifest?> ManifestAsync(DvcObject folder, CancellationToken cancellationToken)
    {
        var path = repository.CachePath(folder);
        if (!File.Exists(path)) return null;
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return Md5.Of(bytes) == DirManifest.ContentMd5(folder.Md5) ? DirManifest.Parse(bytes, path) : null;
    }

    /// <summary>Whether the cache holds <paramref name="item"/> whole: its bytes hash to its name (remembered by size and mtime).</summary>
    private bool IsCached(DvcObject item, HashCache hashes, CancellationToken cancellationToken)
    {
        var path = repository.CachePath(item);
        return File.Exists(path) && hashes.Md5Of(path, item.Legacy, cancellationToken) == DirManifest.ContentMd5(item.Md5);
    }

    private static MlopsException NotInCache(DvcObject item, string target) =>
        new($"Object {item} for {target} is not in the cache, or not whole there.", "Fetch it: mlops data pull.", ExitCodes.DataError);

    /// <summary>Runs <paramref name="action"/> on each item on the bounded pool, reporting progress as <paramref name="phase"/>.</summary>
    private async Task ForEachAsync<T>(string phase, IReadOnlyCollection<T> items, Func<T, CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var done = 0;
        progress?.Report(new DataProgress(phase, 0, items.Count));
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = _jobs, CancellationToken = cancellationToken }, async (item, token) =>
        {
            await action(item, token);
            progress?.Report(new DataProgress(phase, Interlocked.Increment(ref done), items.Count));
        });
    }

    /// <summary>
    /// Copies <paramref name="item"/> from the cache to <paramref name="target"/> (a copy, DVC's safe default) through a
    /// file in <c>.dvc/tmp/</c>, renamed into place: a killed checkout leaves no partial file in the workspace.
    /// </summary>
    private void CopyOut(DvcObject item, string target, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var source = repository.CachePath(item);
        if (!File.Exists(source)) throw NotInCache(item, target);
        var staging = Path.Combine(repository.TempDir, $"checkout-{Guid.NewGuid():N}{ObjectLayout.TemporarySuffix}");
        Directory.CreateDirectory(repository.TempDir);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Copy(source, staging);
            File.Move(staging, target, overwrite: true);
        }
        finally
        {
            File.Delete(staging);
        }
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
