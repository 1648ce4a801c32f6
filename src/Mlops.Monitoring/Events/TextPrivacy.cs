using System.Security.Cryptography;
using System.Text;

namespace Mlops.Monitoring.Events;

/// <summary>
/// What of a sentence may leave the process: by default only its salted hash (HMAC-SHA256 with a secret salt, so
/// equal sentences can be counted without being readable or guessable from a dictionary of likely ones); the text
/// itself only when <c>monitoring.log_text</c> allows it. Without a configured salt each process draws its own.
/// </summary>
public sealed class TextPrivacy(bool logText, string salt)
{
    private readonly byte[] _key = salt.Length > 0 ? Encoding.UTF8.GetBytes(salt) : RandomNumberGenerator.GetBytes(32);

    public bool LogsText => logText;

    public string Hash(string text) => "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));

    public string? Text(string text) => logText ? text : null;
}
