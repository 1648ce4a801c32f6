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
            throw new MlopsException($"{missingLocally.Count} object(s) the .dvc files name are not in the cache, e.g. {missingLocally[0]}.",
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

    /// <summary>Fetches into the cache, verified, every object <paramref name="scope"/> names that it lacks; returns how many.</summary>
    public async Task<int> FetchAsync(IDvcRemote remote, DataScope scope, CancellationToken cancellationToken)
    {
        var selections = await SelectAsync(scope, cancellationToken);
        var fetched = 0;
        // Folder manifests first: the files they list are only known once they are here.
        foreach (var manifests in new[] { true, false })
        {
            var wanted = (await ReferencedAsync(selections, cancellationToken)).Objects.Where(m => m.IsFolder == manifests)
                .Where(m => !File.Exists(repository.CachePath(m))).ToList();
            await ForEachAsync(manifests ? "fetching folder lists" : "fetching", wanted, (item, token) => remote.DownloadAsync(item, repository.CacheDir, token),
                cancellationToken);
            fetched += wanted.Count;
        }
        return fetched;
    }

    /// <summary>
    /// Re-hashes every cached object the workspace's <c>.dvc</c> files name and returns those whose bytes no longer
    /// match their name; with a remote, each is deleted and fetched again (verified on arrival).
    /// </summary>
    public async Task<IReadOnlyList<DvcObject>> VerifyAsync(IDvcRemote? remote, CancellationToken cancellationToken)
    {
        var corrupt = new ConcurrentBag<DvcObject>();
        var (referenced, _) = await ReferencedAsync(await SelectAsync(DataScope.Workspace, cancellationToken), cancellationToken);
        await ForEachAsync("verifying", referenced.Where(m => File.Exists(repository.CachePath(m))).ToList(), (item, token) =>
        {
            if (!item.IsContentOf(repository.CachePath(item), token)) corrupt.Add(item);
            return Task.CompletedTask;
        }, cancellationToken);
        if (remote is not null)
            foreach (var item in corrupt)
            {
                File.Delete(repository.CachePath(item));
                await remote.DownloadAsync(item, repository.CacheDir, cancellationToken);
            }
        return [.. corrupt.OrderBy(m => m.Md5, StringComparer.Ordinal)];
    }
}
