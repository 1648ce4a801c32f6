using System.Buffers;
using System.Security.Cryptography;

namespace Mlops.Versioning;

/// <summary>
/// DVC's content hash: the MD5 of a file's bytes as lower-case hex. Read with positional reads into a pooled buffer
/// sized to the file (up to 1 MiB): a small file costs one read and no allocation beyond the hash, a large one streams.
/// </summary>
public static class Md5
{
    private const int MaxBuffer = 1 << 20;

    /// <summary>Hashes on the calling thread (the work is CPU and page-cache bound); callers run files in parallel.</summary>
    public static Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(length, 1, MaxBuffer));
        try
        {
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            long offset = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer, offset)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                offset += read;
                if (offset % (64 * MaxBuffer) == 0) cancellationToken.ThrowIfCancellationRequested();
            }
            return Task.FromResult(Convert.ToHexStringLower(md5.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));
}
