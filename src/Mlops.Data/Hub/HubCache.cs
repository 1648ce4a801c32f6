using Mlops.Core;

namespace Mlops.Data.Hub;

/// <summary>Owns the hub cache's on-disk layout: where files go, their <c>.sha256</c> records and whether a cached copy is still valid.</summary>
internal sealed class HubCache(HubOptions options)
{
    private const string IncompleteSuffix = ".incomplete";
    private const string HashSuffix = ".sha256";

    /// <summary><c>{CacheDir}/{repoType}--{owner}--{name}/{revision}</c>.</summary>
    public string RepoFolder(string repoId, string repoType)
    {
        HubRepoPath.Validate(repoId, repoType);
        return Path.Combine(options.CacheDir, $"{repoType}--{repoId.Replace("/", "--", StringComparison.Ordinal)}", Uri.EscapeDataString(options.Revision));
    }

    /// <summary>Where <paramref name="path"/> of the repository is cached.</summary>
    public string GetPath(string repoId, string repoType, string path)
    {
        var segments = HubRepoPath.Split(path, allowEmpty: false);
        return Path.Combine([RepoFolder(repoId, repoType), .. segments]);
    }

    /// <summary>Where the download of <paramref name="finalPath"/> accumulates until it is verified.</summary>
    public static string PartialPath(string finalPath) => finalPath + IncompleteSuffix;

    /// <summary>
    /// Whether the cached <paramref name="finalPath"/> exists and matches the expected size and SHA-256
    /// (the file's own <c>.sha256</c> record stands in for an unknown expected hash).
    /// </summary>
    public static async Task<HubCacheState> CheckAsync(string finalPath, HubFile file, string? expectedHash, CancellationToken cancellationToken)
    {
        if (!File.Exists(finalPath)) return HubCacheState.Missing;
        if (file.Size is long size && new FileInfo(finalPath).Length != size) return HubCacheState.Invalid;
        expectedHash ??= await ReadHashRecordAsync(finalPath, cancellationToken);
        if (expectedHash is null) return HubCacheState.Valid;
        var actual = await HubSha256.HashFileAsync(finalPath, cancellationToken);
        return actual == expectedHash ? HubCacheState.Valid : HubCacheState.Invalid;
    }

    /// <summary>Moves a verified download into place and records its SHA-256 beside it.</summary>
    public static async Task CommitAsync(string partialPath, string finalPath, string sha256, CancellationToken cancellationToken)
    {
        File.Move(partialPath, finalPath, overwrite: true);
        await AtomicFile.WriteAllTextAsync(finalPath + HashSuffix, sha256 + "\n", cancellationToken);
    }

    /// <summary>The cached files directly inside <paramref name="folder"/>, for offline mode; none when nothing of it is cached.</summary>
    public IReadOnlyList<HubFile> ListFiles(string repoId, string repoType, string[] folder)
    {
        var dir = Path.Combine([RepoFolder(repoId, repoType), .. folder]);
        var prefix = folder.Length == 0 ? "" : string.Join('/', folder) + "/";
        var files = new List<HubFile>();
        if (Directory.Exists(dir))
        {
            foreach (var path in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(path);
                if (name.EndsWith(IncompleteSuffix, StringComparison.Ordinal) || name.EndsWith(HashSuffix, StringComparison.Ordinal)
                    || name.EndsWith(".tmp", StringComparison.Ordinal))
                {
                    continue;
                }
                var record = path + HashSuffix;
                var sha = File.Exists(record) ? HubSha256.Normalize(File.ReadAllText(record)) : null;
                files.Add(new HubFile(prefix + name, sha, new FileInfo(path).Length));
            }
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    private static async Task<string?> ReadHashRecordAsync(string finalPath, CancellationToken cancellationToken)
    {
        var record = finalPath + HashSuffix;
        return File.Exists(record) ? HubSha256.Normalize(await File.ReadAllTextAsync(record, cancellationToken)) : null;
    }
}

/// <summary>What <see cref="HubCache.CheckAsync"/> found, so the client can tell "use it", "download it" and "offline and broken" apart.</summary>
internal enum HubCacheState { Missing, Valid, Invalid }
