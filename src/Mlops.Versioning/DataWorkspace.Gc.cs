using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>Garbage collection for <see cref="DataWorkspace"/>: remove from the cache (and a remote) what no kept <c>.dvc</c> file names.</summary>
public sealed partial class DataWorkspace
{
    /// <summary>What <see cref="GcAsync"/> removed, or with a dry run would remove.</summary>
    public sealed record GcReport(int CacheObjects, long CacheBytes, int Temporaries, int RemoteObjects);

    /// <summary>A temporary file this old is no transfer's in flight: what a killed one left.</summary>
    private static readonly TimeSpan StaleTemporary = TimeSpan.FromHours(1);

    /// <summary>
    /// Deletes every cached object no output of <paramref name="keep"/> names, and stale temporary files; with
    /// <paramref name="cloud"/>, the same objects from that remote. Refused when a kept folder's manifest is not in the
    /// cache (or fails its hash), since its files cannot be told from garbage.
    /// </summary>
    public async Task<GcReport> GcAsync(IReadOnlyList<DvcFile> keep, IDvcRemote? cloud, bool dryRun, CancellationToken cancellationToken)
    {
        var (wanted, unlisted) = await ReferencedAsync(DataSelection.Of(repository, keep, null), cancellationToken);
        if (unlisted.Count > 0)
            throw new MlopsException(
                $"The list of files of {unlisted[0].Output.Path} ({unlisted[0].Output.Md5}, named by {unlisted[0].File.FilePath}) is not in the cache, so its files cannot be told from garbage.",
                "Fetch what is kept first (mlops data fetch, with --rev for each kept revision), then run gc again.", ExitCodes.DataError);
        var garbage = ObjectLayout.List(repository.CacheDir).Where(m => !wanted.Contains(m)).ToList();
        var bytes = garbage.Sum(m => new FileInfo(repository.CachePath(m)).Length);
        var temporaries = Directory.EnumerateFiles(Path.Combine(repository.Root, DvcRepository.DvcDir), "*" + ObjectLayout.TemporarySuffix, SearchOption.AllDirectories)
            .Where(t => DateTime.UtcNow - File.GetLastWriteTimeUtc(t) > StaleTemporary).ToList();
        var remoteGarbage = cloud is null ? [] : (await cloud.ListAsync(cancellationToken)).Where(m => !wanted.Contains(m)).ToList();
        if (!dryRun)
        {
            foreach (var path in garbage.Select(repository.CachePath).Concat(temporaries)) File.Delete(path);
            if (cloud is not null) await cloud.DeleteAsync(remoteGarbage, cancellationToken);
        }
        return new GcReport(garbage.Count, bytes, temporaries.Count, remoteGarbage.Count);
    }
}
