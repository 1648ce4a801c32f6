using System.Collections.Concurrent;

namespace Mlops.Versioning;

/// <summary>
/// A folder's <see cref="DirManifest"/>: every file under it hashed on a parallel loop over the folder's listing, so the
/// listing and the hashing overlap and every core hashes. Synchronous on purpose: per file, the work is an open, a read
/// and an MD5 of a few kilobytes, where a task per file would cost as much as the hash.
/// </summary>
public static class FolderHasher
{
    /// <summary>The manifest of <paramref name="folder"/>, each file's MD5 from <paramref name="md5"/> (which may remember it).</summary>
    public static DirManifest Manifest(string folder, Func<string, string> md5, CancellationToken cancellationToken)
    {
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        var entries = new DirEntry[files.Length];
        var skip = folder.TrimEnd(Path.DirectorySeparatorChar).Length + 1;
        // Ranges of a few hundred files a task: per file there is no scheduling, only the open, read and hash.
        Parallel.ForEach(Partitioner.Create(0, files.Length, Math.Clamp(files.Length / (8 * Environment.ProcessorCount), 1, 256)),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                    entries[i] = new DirEntry(files[i][skip..].Replace(Path.DirectorySeparatorChar, '/'), md5(files[i]));
            });
        return DirManifest.Of(entries);
    }
}
