using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// Remembers each workspace file's MD5 by its size and modification time (as DVC's state database does), so an
/// unchanged file is never hashed twice: <c>status</c> on thousands of files reads their metadata, not their bytes.
/// Kept in <c>.dvc/tmp/</c> (git-ignored by <c>.dvc/.gitignore</c>) as tab-separated lines, rewritten atomically.
/// .NET exposes no inode, so a file replaced by another of the same size and nanosecond mtime would be missed: a risk
/// DVC takes too when inodes are reused.
/// </summary>
public sealed class HashCache
{
    private readonly string _path;
    private readonly ConcurrentDictionary<string, (long Size, long Ticks, string Md5)> _entries = new(StringComparer.Ordinal);
    private int _changed;

    private HashCache(string path) => _path = path;

    public static async Task<HashCache> LoadAsync(DvcRepository repository, CancellationToken cancellationToken)
    {
        var cache = new HashCache(Path.Combine(repository.Root, DvcRepository.DvcDir, "tmp", "mlops-hashes.tsv"));
        if (!File.Exists(cache._path)) return cache;
        foreach (var line in await File.ReadAllLinesAsync(cache._path, cancellationToken))
        {
            var fields = line.Split('\t', 4);
            // A line cut short (a crash mid-write cannot happen, but a hand edit can) is only a file hashed again.
            if (fields.Length == 4 && long.TryParse(fields[0], CultureInfo.InvariantCulture, out var size) &&
                long.TryParse(fields[1], CultureInfo.InvariantCulture, out var ticks) && fields[2].Length == 32)
                cache._entries[fields[3]] = (size, ticks, fields[2]);
        }
        return cache;
    }

    /// <summary>The MD5 of <paramref name="path"/>: remembered when its size and mtime are unchanged, otherwise hashed and remembered.</summary>
    public async Task<string> Md5Async(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        var (size, ticks) = (info.Length, info.LastWriteTimeUtc.Ticks);
        if (_entries.TryGetValue(path, out var known) && known.Size == size && known.Ticks == ticks) return known.Md5;
        var md5 = await Md5.OfFileAsync(path, cancellationToken);
        if (path.Contains('\t') || path.Contains('\n')) return md5; // not representable in a line of the file
        _entries[path] = (size, ticks, md5);
        Interlocked.Exchange(ref _changed, 1);
        return md5;
    }

    /// <summary>Writes what was learnt, when anything was.</summary>
    public Task SaveAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _changed, 0) == 0) return Task.CompletedTask;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var text = new StringBuilder();
        foreach (var (path, (size, ticks, md5)) in _entries)
            text.Append(size.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(ticks.ToString(CultureInfo.InvariantCulture))
                .Append('\t').Append(md5).Append('\t').Append(path).Append('\n');
        return AtomicFile.WriteAllTextAsync(_path, text.ToString(), cancellationToken);
    }
}
