namespace Mlops.Versioning;

/// <summary>
/// One output of a <c>.dvc</c> file: its hash (<c>md5</c>, with <c>.dir</c> for a folder), size in bytes, file count
/// for a folder, the hash name (<c>md5</c> in DVC 3; absent in DVC 2 files) and its path relative to the file's
/// working folder.
/// </summary>
public sealed record DvcOut(string Md5, long Size, string Path, int? NFiles = null, string? Hash = "md5")
{
    public bool IsFolder => Md5.EndsWith(DirManifest.Suffix, StringComparison.Ordinal);

    /// <summary>The output's object: DVC 2's legacy convention when the entry names no hash (as DVC 3 reads such files).</summary>
    public DvcObject Object => new(Md5, Legacy: Hash is null);
}
