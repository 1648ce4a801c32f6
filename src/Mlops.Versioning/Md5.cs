using System.Security.Cryptography;

namespace Mlops.Versioning;

/// <summary>DVC's content hash: the MD5 of a file's bytes as lower-case hex, streamed through a large buffer.</summary>
public static class Md5
{
    private const int BufferSize = 1 << 20;

    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan | FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await MD5.HashDataAsync(stream, cancellationToken));
    }

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));
}
