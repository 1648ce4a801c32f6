using System.Runtime.InteropServices;

namespace Mlops.Core;

/// <summary>
/// Replaces a whole folder as one unit, so a crash at any point leaves either the complete previous folder or the
/// complete new one, never a mix of both: the new content is written into a staging folder beside the target,
/// flushed to disk, then swapped in with one <c>renameat2(RENAME_EXCHANGE)</c>. On a file system without that call
/// the old folder is renamed aside first, and <see cref="Recover"/> brings it back if a crash came in between.
/// </summary>
public static class AtomicDirectory
{
    private const string StagingMarker = ".staging-";
    private const string PreviousSuffix = ".previous";

    /// <summary>Builds the new content of <paramref name="path"/> with <paramref name="fill"/> (given the staging folder) and swaps it in.</summary>
    public static async Task WriteAsync(string path, Func<string, Task> fill, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(Path.TrimEndingDirectorySeparator(path));
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        Recover(target);
        foreach (var stale in Directory.EnumerateDirectories(parent, Path.GetFileName(target) + StagingMarker + "*"))
            Directory.Delete(stale, recursive: true); // left by a writer that died mid-save
        var staging = target + StagingMarker + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            await fill(staging);
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories)) FlushFile(file);
            FlushDirectory(staging);
            Swap(staging, target);
            FlushDirectory(parent);
        }
        finally
        {
            // After an exchange the staging name holds the previous content; after a failure, the partial new one.
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Brings back a folder that a crash left renamed aside (only possible where the exchange is unsupported).</summary>
    public static void Recover(string path)
    {
        var target = Path.GetFullPath(Path.TrimEndingDirectorySeparator(path));
        var previous = target + PreviousSuffix;
        if (!Directory.Exists(previous)) return;
        if (Directory.Exists(target)) Directory.Delete(previous, recursive: true);
        else Directory.Move(previous, target);
    }

    private static void Swap(string staging, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        if (renameat2(AtFdCwd, staging, AtFdCwd, target, RenameExchange) == 0) return;
        var errno = Marshal.GetLastPInvokeError();
        if (errno is not (Einval or Enosys or Enotsup))
            throw new IOException($"Could not replace '{target}' (errno {errno}).");
        var previous = target + PreviousSuffix;
        Directory.Move(target, previous);
        Directory.Move(staging, target);
        Directory.Delete(previous, recursive: true);
    }

    private static void FlushFile(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }

    private static void FlushDirectory(string directory)
    {
        var fd = open(directory, ORdOnly | ODirectory);
        if (fd < 0) return; // best effort: some file systems refuse to open folders
        try
        {
            fsync(fd);
        }
        finally
        {
            close(fd);
        }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000;
    private const int Einval = 22;
    private const int Enosys = 38;
    private const int Enotsup = 95;

    [DllImport("libc", SetLastError = true)]
    private static extern int renameat2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int open(string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);

    [DllImport("libc")]
    private static extern int close(int fd);
}
