using System.Buffers;
using System.Security.Cryptography;

namespace Mlops.Versioning;

/// <summary>
/// DVC's content hashes: the MD5 of a file's bytes as lower-case hex (DVC 3), or DVC 2's legacy rule, which hashes a
/// text file as if its CRLF line ends were LF. Files are read in DVC's 1 MiB chunks with positional reads into a
/// pooled buffer sized to the file, so a small file costs one read and one one-shot hash, and a large one streams.
/// </summary>
public static class Md5
{
    /// <summary>DVC reads 1 MiB at a time, and its dos2unix rule replaces CRLF within each chunk, not across two.</summary>
    private const int Chunk = 1 << 20;

    /// <summary>Files up to this size (less one byte) are read whole in one go, by <see cref="SmallFile"/> where it can.</summary>
    private const int SmallFileBuffer = 1 << 16;

    /// <summary>DVC 2 decides text or binary from the first 512 bytes (dvc-data's <c>istextblock</c>).</summary>
    private const int TextProbe = 512;

    /// <summary>
    /// The hash of <paramref name="path"/>; with <paramref name="dos2unix"/>, DVC 2's: a text file's CRLFs count as LFs.
    /// Synchronous on purpose: the work is CPU and page-cache bound, and callers run many files on a parallel loop.
    /// </summary>
    public static string OfFile(string path, bool dos2unix, CancellationToken cancellationToken)
    {
        var small = ArrayPool<byte>.Shared.Rent(SmallFileBuffer);
        try
        {
            if (SmallFile.TryRead(path, small, out var size))
                return OneShot(small.AsSpan(0, size), dos2unix && IsText(small.AsSpan(0, Math.Min(size, TextProbe))));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(small);
        }
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(handle);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(length, 1, Chunk));
        try
        {
            Span<byte> digest = stackalloc byte[16];
            var chunk = buffer.AsSpan(0, Math.Min(buffer.Length, Chunk));
            // A file that fits is read once, to its known length (no second read to find the end).
            var read = Fill(handle, chunk[..(int)Math.Min(chunk.Length, length)], 0);
            var text = dos2unix && IsText(chunk[..Math.Min(read, TextProbe)]);
            if (read == length && length <= chunk.Length) return OneShot(chunk[..read], text);
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long offset = 0;
            for (; read > 0; read = Fill(handle, chunk, offset))
            {
                md5.AppendData(text ? Dos2Unix(chunk[..read]) : chunk[..read]);
                offset += read;
                if (offset % (64L * Chunk) == 0) cancellationToken.ThrowIfCancellationRequested();
            }
            md5.GetHashAndReset(digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    /// <summary>The hash of a whole file's bytes in one call, with no incremental state.</summary>
    private static string OneShot(Span<byte> bytes, bool text)
    {
        Span<byte> digest = stackalloc byte[16];
        MD5.HashData(text ? Dos2Unix(bytes) : bytes, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>DVC 2's text test: not empty-with-NUL, and at most 30 % of the bytes outside printable ASCII and <c>\n\r\t\f\b</c>.</summary>
    public static bool IsText(ReadOnlySpan<byte> block)
    {
        if (block.IsEmpty) return true;
        if (block.Contains((byte)0)) return false;
        var other = 0;
        foreach (var b in block)
            if (b is not ((>= 32 and < 127) or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or (byte)'\b')) other++;
        return other <= 0.30 * block.Length;
    }

    /// <summary>Replaces each CRLF with LF in place, left to right as Python's <c>bytes.replace</c> does; returns the shortened span.</summary>
    public static Span<byte> Dos2Unix(Span<byte> chunk)
    {
        var first = chunk.IndexOf("\r\n"u8);
        if (first < 0) return chunk;
        var write = first;
        for (var read = first + 1; read < chunk.Length;)
        {
            // Copy up to the next CRLF's CR (skipped), starting at the LF of the previous one.
            var next = chunk[(read + 1)..].IndexOf("\r\n"u8);
            var end = next < 0 ? chunk.Length : read + 1 + next;
            chunk[read..end].CopyTo(chunk[write..]);
            write += end - read;
            read = end + 1;
        }
        return chunk[..write];
    }

    /// <summary>Reads until <paramref name="chunk"/> is full or the file ends (a regular file's read rarely stops short, but may).</summary>
    private static int Fill(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> chunk, long offset)
    {
        var total = 0;
        int read;
        while (total < chunk.Length && (read = RandomAccess.Read(handle, chunk[total..], offset + total)) > 0) total += read;
        return total;
    }
}
