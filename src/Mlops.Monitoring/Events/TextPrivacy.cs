using System.Security.Cryptography;
using System.Text;

namespace Mlops.Monitoring.Events;

/// <summary>
/// What of a sentence may leave the process: by default only its salted hash (HMAC-SHA256 with a secret salt, so
/// equal sentences can be counted without being readable or guessable from a dictionary of likely ones); the text
/// itself only when <c>monitoring.log_text</c> allows it. Without a configured salt each process draws its own.
/// A sentence pair is hashed as one input: its text, U+001F (the unit separator, which no sentence holds) and its second
/// text, so the same pair always hashes alike, and a pair hashes neither as its first text alone nor as the two texts run together.
/// One instance hashes on one thread at a time (the recorder's drain): the keyed hash is set up once, not per text.
/// </summary>
public sealed class TextPrivacy(bool logText, string salt) : IDisposable
{
    /// <summary>What stands between a pair's two texts in its hash: U+001F, the unit separator.</summary>
    public const char PairSeparator = '\u001F';

    private readonly IncrementalHash _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256,
        salt.Length > 0 ? Encoding.UTF8.GetBytes(salt) : RandomNumberGenerator.GetBytes(32));

    /// <summary>The salted hash of a text, or of a sentence pair when <paramref name="pair"/> is its second text.</summary>
    public string Hash(string text, string? pair = null)
    {
        Span<byte> digest = stackalloc byte[32];
        _hmac.AppendData(Encoding.UTF8.GetBytes(text));
        if (pair is not null) _hmac.AppendData(Encoding.UTF8.GetBytes(PairSeparator + pair));
        _hmac.GetHashAndReset(digest);
        return "hmac-sha256:" + Convert.ToHexStringLower(digest[..16]);
    }

    public void Dispose() => _hmac.Dispose();

    public string? Text(string text) => logText ? text : null;
}
