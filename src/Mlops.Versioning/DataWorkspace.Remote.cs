using System.Collections.Concurrent;
using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>The remote side of <see cref="DataWorkspace"/>: push what the remote lacks, fetch and pull what the cache lacks, verify and repair the cache.</summary>
public sealed partial class DataWorkspace
{
    /// <summary>Sends the remote every cached object <paramref name="scope"/> names that it lacks (one listing of the remote); returns (sent, already there).</summary>
    public async Task<(int Sent, int Present)> PushAsync(IDvcRemote remote, DataScope scope, CancellationToken cancellationToken)
    {
        var (wanted, unlisted) = await ReferencedAsync(await SelectAsync(scope, cancellationToken), cancellationToken);
        var missingLocally = wanted.Where(m => !File.Exists(repository.CachePath(m))).Select(m => m.ToString())
            .Concat(unlisted.Select(u => u.Output.Object.ToString())).ToList();
        if (missingLocally.Count > 0)
            throw new MlopsException($"{missingLocally.Count} object(s) the .dvc files name are not in the cache, or not whole there, e.g. {missingLocally[0]}.",
                "Pull them first (mlops data pull), or re-add what changed (mlops data add PATH).", ExitCodes.DataError);
        var held = await remote.ListAsync(cancellationToken);
        // Folder manifests last: a remote that lists a folder then holds every file of it, even if a push is killed.
        var sending = wanted.Where(m => !held.Contains(m)).OrderBy(m => m.IsFolder).ToList();
        await ForEachAsync("pushing", sending.Where(m => !m.IsFolder).ToList(), (item, token) => remote.UploadAsync(item, repository.CachePath(item), token), cancellationToken);
        foreach (var folder in sending.Where(m => m.IsFolder)) await remote.UploadAsync(folder, repository.CachePath(folder), cancellationToken);
        return (sending.Count, wanted.Count - sending.Count);
    }

    /// <summary>Fetches what the cache lacks from the remote, then checks the selected outputs out; returns (fetched, outputs written).</summary>
    public async Task<(int Fetched, int CheckedOut)> PullAsync(IDvcRemote remote, DataScope scope, CancellationToken cancellationToken) =>
        (await FetchAsync(remote, scope, cancellationToken), await CheckoutAsync(scope, cancellationToken));

    /// <summary>
    /// Fetches into the cache, verified, every object <paramref name="scope"/> names that it lacks, or holds with bytes
    /// that fail its hash (deleted first, as missing); returns how many.
    /// </summary>
    public async Task<int> FetchAsync(IDvcRemote remote, DataScope scope, CancellationToken cancellationToken)
    {
        var hashes = await HashCache.LoadAsync(repository, cancellationToken);
        var fetched = 0;
        await ManifestsFirstAsync(await SelectAsync(scope, cancellationToken), async (manifests, objects) =>
        {
            var wanted = objects.Where(m => !IsCached(m, hashes, cancellationToken)).ToList();
            await ForEachAsync(manifests ? "fetching folder lists" : "fetching", wanted, (item, token) => FetchAgainAsync(remote, item, token), cancellationToken);
            fetched += wanted.Count;
        }, cancellationToken);
        await hashes.SaveAsync(cancellationToken);
        return fetched;
    }

    /// <summary>
    /// Re-hashes every cached object the workspace's <c>.dvc</c> files name, folder manifests included, and returns those
    /// whose bytes no longer match their name; with a remote, each is fetched again (verified on arrival), a manifest
    /// before the files it lists are checked.
    /// </summary>
    public async Task<IReadOnlyList<DvcObject>> VerifyAsync(IDvcRemote? remote, CancellationToken cancellationToken)
    {
        var corrupt = new List<DvcObject>();
        await ManifestsFirstAsync(await SelectAsync(DataScope.Workspace, cancellationToken), async (manifests, objects) =>
        {
            var found = new ConcurrentBag<DvcObject>();
            await ForEachAsync(manifests ? "verifying folder lists" : "verifying", objects.Where(m => File.Exists(repository.CachePath(m))).ToList(), (item, token) =>
            {
                if (!item.IsContentOf(repository.CachePath(item), token)) found.Add(item);
                return Task.CompletedTask;
            }, cancellationToken);
            if (remote is not null)
                foreach (var item in found) await FetchAgainAsync(remote, item, cancellationToken);
            corrupt.AddRange(found);
        }, cancellationToken);
        return [.. corrupt.OrderBy(m => m.Md5, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Runs <paramref name="pass"/> on the objects <paramref name="selections"/> name, folder manifests first (true):
    /// the files of a folder are only known once its manifest is in the cache, whole.
    /// </summary>
    private async Task ManifestsFirstAsync(IReadOnlyList<DataSelection> selections, Func<bool, IReadOnlyList<DvcObject>, Task> pass,
        CancellationToken cancellationToken)
    {
        foreach (var manifests in new[] { true, false })
            await pass(manifests, [.. (await ReferencedAsync(selections, cancellationToken)).Objects.Where(m => m.IsFolder == manifests)]);
    }

    /// <summary>Replaces whatever the cache holds under <paramref name="item"/>'s name with the remote's copy, verified.</summary>
    private Task FetchAgainAsync(IDvcRemote remote, DvcObject item, CancellationToken cancellationToken)
    {
        var cached = repository.CachePath(item);
        if (File.Exists(cached)) File.Delete(cached);
        return remote.DownloadAsync(item, repository.CacheDir, cancellationToken);
    }
}
