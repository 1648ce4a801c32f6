using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>A remote in a folder (a mounted disk or a share), as DVC's local remote lays it out.</summary>
public sealed class LocalRemote(string name, string folder) : IDvcRemote
{
    private readonly string _objects = Path.Combine(folder, "files", "md5");

    public string Describe => $"{name} ({folder})";

    public Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> md5s, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<string>>(md5s.Where(m => File.Exists(ObjectLayout.PathIn(_objects, m))).ToHashSet());

    public Task UploadAsync(string md5, string localPath, CancellationToken cancellationToken) =>
        ObjectLayout.PlaceAsync(localPath, _objects, md5, cancellationToken);

    public Task DownloadAsync(string md5, string cacheRoot, CancellationToken cancellationToken)
    {
        var source = ObjectLayout.PathIn(_objects, md5);
        if (!File.Exists(source))
            throw new MlopsException($"Remote {Describe} has no object {md5} ({source}).",
                "Push it from a workspace that has it (mlops data push), or check the remote's URL.", ExitCodes.DataError);
        return ObjectLayout.PlaceAsync(source, cacheRoot, md5, cancellationToken);
    }
}
