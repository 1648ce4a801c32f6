using System.Security.Cryptography;
using System.Text;

namespace Mlops.Core;

/// <summary>The one spelling of content hashes in model cards and logs: <c>sha256:</c> and lower-case hex.</summary>
public static class ContentHash
{
    public const string Prefix = "sha256:";

    public static string Of(string text) => Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return Prefix + Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
