namespace Mlops.Versioning;

/// <summary>Where a project's objects are pushed and pulled from (DVC 3 layout: <c>URL/files/md5/XX/REST</c>).</summary>
public interface IDvcRemote
{
    /// <summary>What the remote is, for messages (<c>storage (/mnt/dvc-store)</c>).</summary>
    string Describe { get; }

    /// <summary>Which of <paramref name="md5s"/> the remote already holds, asked in bulk.</summary>
    Task<IReadOnlySet<string>> ExistingAsync(IReadOnlyCollection<string> md5s, CancellationToken cancellationToken);

    /// <summary>Stores the object at <paramref name="localPath"/> as <paramref name="md5"/>, verified where it lands.</summary>
    Task UploadAsync(string md5, string localPath, CancellationToken cancellationToken);

    /// <summary>Places object <paramref name="md5"/> under <paramref name="cacheRoot"/>, verified; one clear line when the remote lacks it.</summary>
    Task DownloadAsync(string md5, string cacheRoot, CancellationToken cancellationToken);
}
