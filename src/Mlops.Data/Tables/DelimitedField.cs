using System.Buffers;

namespace Mlops.Data.Tables;

/// <summary>
/// One field of a CSV or TSV row as Sep returns it (quotes kept), turned into its text by RFC 4180's rules: a field that
/// starts with a quote ends with one and doubles the quotes inside. Sep is told not to unescape, because its lenient
/// unescaping cannot tell a malformed field from a good one, and a malformed one here must be an error naming the row.
/// </summary>
internal static class DelimitedField
{
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n");

    /// <summary>
    /// True when the unquoted field <paramref name="raw"/> holds a line break or <paramref name="separator"/>: only a quote
    /// inside it (<c>5" screen</c>) makes Sep read on over those, joining fields or lines that should stay apart.
    /// </summary>
    public static bool HasStrayQuote(ReadOnlySpan<char> raw, char separator) =>
        raw.Length > 0 && raw[0] != '"' && (raw.IndexOf(separator) >= 0 || raw.IndexOfAny(LineBreaks) >= 0);

    /// <summary>
    /// The text of <paramref name="raw"/>: the field itself when unquoted, else its inside with doubled quotes made single,
    /// written into <paramref name="scratch"/>. Returns what is wrong with a malformed quoted field, or null.
    /// </summary>
    public static string? Decode(ReadOnlySpan<char> raw, RowText scratch, out ReadOnlySpan<char> text)
    {
        text = raw;
        if (raw.Length == 0 || raw[0] != '"') return null;
        scratch.Clear();
        var rest = raw[1..];
        while (true)
        {
            var quote = rest.IndexOf('"');
            if (quote < 0) return "its opening quote is never closed (the field runs to the end of the file)";
            scratch.Append(rest[..quote]);
            rest = rest[(quote + 1)..];
            if (rest.IsEmpty) break;
            if (rest[0] != '"') return "text follows its closing quote (a quote inside a quoted field is written twice: \"\")";
            scratch.Append('"');
            rest = rest[1..];
        }
        text = scratch.Span;
        return null;
    }
}
