using System.Collections.Concurrent;

namespace Mlops.Versioning;

/// <summary>A folder's <see cref="DirManifest"/>: every file under it hashed on a bounded pool (a few files per core, so disk waits overlap).</summary>
public static class FolderHasher
{
    public static ParallelOptions Pool(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Math.Max(4, 2 * Environment.ProcessorCount), CancellationToken = cancellationToken };

    /// <summary>The manifest of <paramref name="folder"/>, each file's MD5 from <paramref name="md5"/> (which may also cache the file, or remember its hash).</summary>
    public static async Task<DirManifest> ManifestAsync(string folder, Func<string, CancellationToken, Task<string>> md5, CancellationToken cancellationToken)
    {
        var entries = new ConcurrentBag<DirEntry>();
        await Parallel.ForEachAsync(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories), Pool(cancellationToken), async (file, token) =>
            entries.Add(new DirEntry(Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), await md5(file, token))));
        return DirManifest.Of(entries);
    }
}
