using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Mlops.Data.Checks;

/// <summary>
/// A 128-bit key of an example's normalized text (its pair's text included), so duplicates and train/validation overlap
/// are found by comparing keys instead of keeping every text. Normalized is what an uncased model cannot tell apart
/// anyway: white space trimmed at both ends, every run of white space one space, lower-cased (invariant culture);
/// punctuation and accents are kept, so "It rains." and "it  rains." match but "It rains" does not. The key is the first
/// 16 bytes of SHA-256 over that text: two different texts share one with probability about n²/2¹²⁹, about 10⁻²⁶
/// for ten million examples, so a match is taken as the same text.
/// </summary>
internal static class ExampleKey
{
    /// <summary>Between an example's two texts: ("a b", no pair) and ("a", "b") are different examples.</summary>
    private const char PairSeparator = '\u001F';

    private const int StackChars = 512;

    public static UInt128 Of(LabeledSentence example)
    {
        var length = example.Text.Length + (example.Pair is { } second ? second.Length + 1 : 0);
        char[]? rented = length > StackChars ? ArrayPool<char>.Shared.Rent(length) : null;
        Span<char> text = rented ?? stackalloc char[StackChars];
        var written = Normalize(example.Text, text);
        if (example.Pair is { } pair)
        {
            text[written++] = PairSeparator;
            written += Normalize(pair, text[written..]);
        }
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(text[..written]), hash);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    /// <summary>Whether the example has a text that is empty or only white space (either text of a pair).</summary>
    public static bool IsBlank(LabeledSentence example) =>
        string.IsNullOrWhiteSpace(example.Text) || (example.Pair is not null && string.IsNullOrWhiteSpace(example.Pair));

    private static int Normalize(string text, Span<char> into)
    {
        var written = 0;
        var space = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space) into[written++] = ' ';
            space = false;
            into[written++] = char.ToLowerInvariant(c);
        }
        return written;
    }
}
