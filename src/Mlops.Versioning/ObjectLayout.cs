using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// Content-addressed objects as DVC lays them out in a cache or a remote (<c>ROOT/XX/REST</c>, the first two hex digits
/// a folder), and how one lands there safely: into a temporary file beside it, checked against its hash, then renamed.
/// A crash leaves at most a temporary file, never a partial object under its name.
/// </summary>
public static class ObjectLayout
{
    public static string PathIn(string root, string md5) => Path.Combine(root, md5[..2], md5[2..]);

    /// <summary>Copies <paramref name="source"/> to object <paramref name="md5"/> under <paramref name="root"/>, verifying the bytes that arrived.</summary>
    public static Task PlaceAsync(string source, string root, string md5, CancellationToken cancellationToken) =>
        LandAsync(root, md5, source, temporary =>
        {
            File.Copy(source, temporary);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Writes object <paramref name="md5"/> under <paramref name="root"/> through <paramref name="write"/> (given a
    /// temporary path beside the target), checks it, and renames it into place; nothing when the object is there.
    /// </summary>
    public static async Task LandAsync(string root, string md5, string origin, Func<string, Task> write, CancellationToken cancellationToken)
    {
        var target = PathIn(root, md5);
        if (File.Exists(target)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            await write(temporary);
            await VerifyAsync(temporary, md5, origin, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Whether <paramref name="path"/>'s bytes hash to object name <paramref name="md5"/> (a folder manifest by the MD5 of its bytes).</summary>
    public static async Task<bool> MatchesAsync(string path, string md5, CancellationToken cancellationToken) =>
        await Md5.OfFileAsync(path, cancellationToken) == DirManifest.ContentMd5(md5);

    /// <summary>Checks that <paramref name="path"/> hashes to <paramref name="md5"/>; one line naming <paramref name="origin"/> when not.</summary>
    public static async Task VerifyAsync(string path, string md5, string origin, CancellationToken cancellationToken)
    {
        var (expected, actual) = (DirManifest.ContentMd5(md5), await Md5.OfFileAsync(path, cancellationToken));
        if (actual != expected)
            throw new MlopsException($"{origin} should have MD5 {expected} but has {actual}: it is corrupt or changed while being copied.",
                "Fetch it again; if it keeps happening, the object at its source is damaged.", ExitCodes.DataError);
    }
}
