using System.Security.Cryptography;
using System.Text;

namespace Mlops.Core;

/// <summary>The one spelling of content hashes in model cards and logs: <c>sha256:</c> and lower-case hex.</summary>
public static class ContentHash
{
    public const string Prefix = "sha256:";

    public static string Of(string text) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken = default) =>
        Prefix + await HexOfFileAsync(path, cancellationToken);

    /// <summary>The bare lower-case hex SHA-256 of a file, as the Hugging Face hub writes it (LFS oids, ETags).</summary>
    public static async Task<string> HexOfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
