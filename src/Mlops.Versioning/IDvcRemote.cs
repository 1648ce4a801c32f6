namespace Mlops.Versioning;

/// <summary>Where a project's objects are pushed and pulled from (DVC 3's <c>URL/files/md5/XX/REST</c>, DVC 2's <c>URL/XX/REST</c>).</summary>
public interface IDvcRemote
{
    /// <summary>What the remote is, for messages (<c>storage (/mnt/dvc-store)</c>).</summary>
    string Describe { get; }

    /// <summary>Every object the remote holds, listed in bulk (not a request per object).</summary>
    Task<IReadOnlySet<DvcObject>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores the object at <paramref name="localPath"/> as <paramref name="item"/>, verified where it lands.</summary>
    Task UploadAsync(DvcObject item, string localPath, CancellationToken cancellationToken);

    /// <summary>Places <paramref name="item"/> under <paramref name="cacheRoot"/>, verified; one clear line when the remote lacks it.</summary>
    Task DownloadAsync(DvcObject item, string cacheRoot, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="items"/> from the remote (<c>mlops data gc --cloud</c>).</summary>
    Task DeleteAsync(IReadOnlyCollection<DvcObject> items, CancellationToken cancellationToken);
}
