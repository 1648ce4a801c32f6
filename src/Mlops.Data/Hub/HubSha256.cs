using Mlops.Core;
using System.Text.RegularExpressions;

namespace Mlops.Data.Hub;

/// <summary>One place for SHA-256 handling, shared by the hub cache, file listing and download: hash normalization and file hashing.</summary>
internal static partial class HubSha256
{
    /// <summary>
    /// The lowercase hex SHA-256 in <paramref name="value"/> (an LFS oid, a <c>.sha256</c> record or a
    /// possibly weak, quoted ETag), or null when it is not one.
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (value is null) return null;
        var v = value.Trim();
        if (v.StartsWith("W/", StringComparison.Ordinal)) v = v[2..];
        v = v.Trim('"').ToLowerInvariant();
        return Sha256Regex().IsMatch(v) ? v : null;
    }

    /// <summary>The lowercase hex SHA-256 of the file at <paramref name="path"/>.</summary>
    public static Task<string> HashFileAsync(string path, CancellationToken cancellationToken) => ContentHash.HexOfFileAsync(path, cancellationToken);

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Regex();
}
