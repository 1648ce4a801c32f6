using System.Security.Cryptography;
using System.Text;

namespace Mlops.Core;

/// <summary>
/// Hashes text as it is written, piece by piece, to the very value <see cref="ContentHash.Of"/> gives the whole text: for
/// content too large to hold a second time (a dataset's fingerprint), with one small buffer instead of a copy.
/// </summary>
public sealed class ContentHashWriter : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    // Encoding.UTF8's own encoder (so a lone surrogate becomes U+FFFD as there); it keeps a high surrogate that ends one piece for the next.
    private readonly Encoder _encoder = Encoding.UTF8.GetEncoder();
    private byte[] _buffer = new byte[1 << 16];

    public ContentHashWriter Append(ReadOnlySpan<char> text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _buffer.Length) _buffer = new byte[most];
        _hash.AppendData(_buffer, 0, _encoder.GetBytes(text, _buffer, flush: false));
        return this;
    }

    public ContentHashWriter Append(char c) => Append([c]);

    /// <summary>The <c>sha256:</c> hash of everything appended.</summary>
    public string Finish()
    {
        _hash.AppendData(_buffer, 0, _encoder.GetBytes([], _buffer, flush: true));
        return ContentHash.Prefix + Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();
}
