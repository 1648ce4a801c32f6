using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// How an object lands in a cache or a folder remote safely: into a temporary file beside its place, checked against
/// its hash, then renamed. A crash leaves at most a temporary file, never a partial object under its name.
/// </summary>
public static class ObjectLayout
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="item"/>'s place under <paramref name="root"/>, verifying the bytes that arrived.</summary>
    public static Task PlaceAsync(string source, string root, DvcObject item, CancellationToken cancellationToken) =>
        LandAsync(root, item, source, temporary =>
        {
            File.Copy(source, temporary);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Writes <paramref name="item"/> under <paramref name="root"/> through <paramref name="write"/> (given a temporary
    /// path beside the target), checks it, and renames it into place; nothing when the object is there.
    /// </summary>
    public static async Task LandAsync(string root, DvcObject item, string origin, Func<string, Task> write, CancellationToken cancellationToken)
    {
        var target = item.PathIn(root);
        if (File.Exists(target)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            await write(temporary);
            Verify(temporary, item, origin, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The end of a temporary file's name: what a killed transfer can leave, and what gc clears.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>Every object under <paramref name="root"/> (a cache or a folder remote), in either of DVC's layouts.</summary>
    public static IEnumerable<DvcObject> List(string root) =>
        !Directory.Exists(root)
            ? []
            : Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(path => DvcObject.FromKey(Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/')))
                .OfType<DvcObject>();

    /// <summary>Checks that <paramref name="path"/> holds <paramref name="item"/>'s bytes; one line naming <paramref name="origin"/> when not.</summary>
    public static void Verify(string path, DvcObject item, string origin, CancellationToken cancellationToken)
    {
        var (expected, actual) = (DirManifest.ContentMd5(item.Md5), item.HashOf(path, cancellationToken));
        if (actual != expected)
            throw new MlopsException($"{origin} should have MD5 {expected} but has {actual}: it is corrupt or changed while being copied.",
                "Fetch it again; if it keeps happening, the object at its source is damaged.", ExitCodes.DataError);
    }
}
