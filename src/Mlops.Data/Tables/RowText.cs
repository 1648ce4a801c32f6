namespace Mlops.Data.Tables;

/// <summary>
/// A reusable, growing character buffer that a reader fills for each row (a field unquoted, text columns joined), so a row
/// costs one string for its text and none for its parts. Public so that prediction files join text columns by the very
/// rule training's table readers do.
/// </summary>
public sealed class RowText
{
    private char[] _chars = new char[256];

    public int Length { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<char> text)
    {
        if (Length + text.Length > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, Length + text.Length));
        text.CopyTo(_chars.AsSpan(Length));
        Length += text.Length;
    }

    public void Append(char c) => Append([c]);

    /// <summary>Appends one text column of several: after <paramref name="separator"/> unless it is the first, and not at all when blank.</summary>
    public void AppendPart(ReadOnlySpan<char> part, string separator)
    {
        if (part.IsWhiteSpace()) return;
        if (Length > 0) Append(separator);
        Append(part);
    }
}
