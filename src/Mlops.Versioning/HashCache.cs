using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// Remembers each workspace file's MD5 by its size and modification time (as DVC's state database does), so an
/// unchanged file is never hashed twice: <c>status</c> on thousands of files reads their metadata, not their bytes.
/// Cached objects are remembered the same way, so <c>fetch</c> checks that what the cache holds is whole at that cost.
/// Kept in <c>.dvc/tmp/</c> (git-ignored by <c>.dvc/.gitignore</c>) as tab-separated lines, rewritten atomically; a
/// file of a DVC 2 output is remembered apart, under its legacy hash.
/// .NET exposes no inode, so a file replaced by another of the same size and nanosecond mtime would be missed: a risk
/// DVC takes too when inodes are reused.
/// </summary>
public sealed class HashCache
{
    private readonly string _path;
    private const string LegacyName = "md5-dos2unix";
    private readonly ConcurrentDictionary<(string Path, bool Legacy), (long Size, long Ticks, string Md5)> _entries = new();
    private int _changed;

    private HashCache(string path) => _path = path;

    public static async Task<HashCache> LoadAsync(DvcRepository repository, CancellationToken cancellationToken)
    {
        var cache = new HashCache(Path.Combine(repository.TempDir, "mlops-hashes.tsv"));
        if (!File.Exists(cache._path)) return cache;
        foreach (var line in await File.ReadAllLinesAsync(cache._path, cancellationToken))
        {
            var fields = line.Split('\t', 5);
            // A line cut short (a crash mid-write cannot happen, but a hand edit can) is only a file hashed again.
            if (fields.Length == 5 && long.TryParse(fields[0], CultureInfo.InvariantCulture, out var size) &&
                long.TryParse(fields[1], CultureInfo.InvariantCulture, out var ticks) && fields[3].Length == 32)
                cache._entries[(fields[4], fields[2] == LegacyName)] = (size, ticks, fields[3]);
        }
        return cache;
    }

    /// <summary>
    /// The hash of <paramref name="path"/> (DVC 2's with <paramref name="legacy"/>): remembered when its size and mtime
    /// are unchanged, otherwise hashed and remembered.
    /// </summary>
    public string Md5Of(string path, bool legacy, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        var (size, ticks) = (info.Length, info.LastWriteTimeUtc.Ticks);
        if (_entries.TryGetValue((path, legacy), out var known) && known.Size == size && known.Ticks == ticks) return known.Md5;
        var md5 = Md5.OfFile(path, legacy, cancellationToken);
        if (path.Contains('\t') || path.Contains('\n')) return md5; // not representable in a line of the file
        _entries[(path, legacy)] = (size, ticks, md5);
        Interlocked.Exchange(ref _changed, 1);
        return md5;
    }

    /// <summary>Writes what was learnt, when anything was.</summary>
    public Task SaveAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _changed, 0) == 0) return Task.CompletedTask;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var text = new StringBuilder();
        foreach (var ((path, legacy), (size, ticks, md5)) in _entries)
            text.Append(size.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(ticks.ToString(CultureInfo.InvariantCulture))
                .Append('\t').Append(legacy ? LegacyName : "md5").Append('\t').Append(md5).Append('\t').Append(path).Append('\n');
        return AtomicFile.WriteAllTextAsync(_path, text.ToString(), cancellationToken);
    }
}
