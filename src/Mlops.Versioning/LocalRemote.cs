using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>A remote in a folder (a mounted disk or a share), as DVC's local remote lays it out.</summary>
public sealed class LocalRemote(string name, string folder) : IDvcRemote
{
    public string Describe => $"{name} ({folder})";

    public Task<IReadOnlySet<DvcObject>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<DvcObject>>(ObjectLayout.List(folder).ToHashSet());

    public Task UploadAsync(DvcObject item, string localPath, CancellationToken cancellationToken) =>
        ObjectLayout.PlaceAsync(localPath, folder, item, cancellationToken);

    public Task DownloadAsync(DvcObject item, string cacheRoot, CancellationToken cancellationToken)
    {
        var source = item.PathIn(folder);
        if (!File.Exists(source))
            throw new MlopsException($"Remote {Describe} has no object {item} ({source}).",
                "Push it from a workspace that has it (mlops data push), or check the remote's URL.", ExitCodes.DataError);
        return ObjectLayout.PlaceAsync(source, cacheRoot, item, cancellationToken);
    }

    public Task DeleteAsync(IReadOnlyCollection<DvcObject> items, CancellationToken cancellationToken)
    {
        foreach (var item in items) File.Delete(item.PathIn(folder));
        return Task.CompletedTask;
    }
}
