namespace Mlops.Versioning;

/// <summary>
/// One content-addressed object in a cache or a remote, and which of DVC's two conventions it follows: DVC 3's (plain
/// MD5, at <c>files/md5/XX/REST</c>) or DVC 2's legacy one (MD5 with text files' CRLFs read as LFs, at <c>XX/REST</c>),
/// which DVC 3 still reads for outputs whose <c>.dvc</c> entry has no <c>hash: md5</c>.
/// </summary>
public readonly record struct DvcObject(string Md5, bool Legacy = false)
{
    private const string Files = "files/md5/";

    public bool IsFolder => Md5.EndsWith(DirManifest.Suffix, StringComparison.Ordinal);

    /// <summary>Where the object sits under a cache or remote root, with '/' (a key in a bucket).</summary>
    public string Key => (Legacy ? "" : Files) + Md5[..2] + "/" + Md5[2..];

    /// <summary>The object's path under <paramref name="root"/>, a cache or a folder remote.</summary>
    public string PathIn(string root) => Path.Combine(root, Key.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The hash of <paramref name="path"/> under this object's convention.</summary>
    public string HashOf(string path, CancellationToken cancellationToken) => Versioning.Md5.OfFile(path, Legacy, cancellationToken);

    /// <summary>Whether <paramref name="path"/>'s bytes are this object's (a folder manifest by the MD5 of its bytes).</summary>
    public bool IsContentOf(string path, CancellationToken cancellationToken) => HashOf(path, cancellationToken) == DirManifest.ContentMd5(Md5);

    /// <summary>The object a key of a cache or remote names (<c>files/md5/XX/REST</c> or legacy <c>XX/REST</c>), or null for anything else.</summary>
    public static DvcObject? FromKey(string key)
    {
        var legacy = !key.StartsWith(Files, StringComparison.Ordinal);
        var rest = legacy ? key : key[Files.Length..];
        if (rest.Length < 33 || rest[2] != '/') return null;
        var md5 = rest[..2] + rest[3..];
        var hex = DirManifest.ContentMd5(md5);
        return hex.Length == 32 && hex.All(char.IsAsciiHexDigitLower) ? new DvcObject(md5, legacy) : null;
    }

    /// <summary>The objects a folder manifest lists follow the folder's convention.</summary>
    public DvcObject Entry(string md5) => new(md5, Legacy);

    public override string ToString() => Legacy ? Md5 + " (DVC 2)" : Md5;
}
