namespace Mlops.Core;

/// <summary>What a folder holds on disk, and removing it for real while counting what that freed (the runs commands report it).</summary>
public static class DiskUsage
{
    /// <summary>Bytes in the files under <paramref name="folder"/>; 0 when it does not exist.</summary>
    public static long Of(string folder) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    /// <summary>Deletes <paramref name="folder"/> and everything in it; returns the bytes freed (0 when it did not exist).</summary>
    public static long Remove(string folder)
    {
        var bytes = Of(folder);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return bytes;
    }
}
