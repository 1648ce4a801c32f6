namespace Mlops.Cli.Tests.Hints;

/// <summary>
/// A piece of user-facing text (a C# string literal, a markdown code span or code line, a YAML comment) with the
/// source line of each character, the command it belongs to (a literal in that command's own class file) and
/// whether benchmark-only options may appear in it.
/// </summary>
public sealed record TextFragment(string File, string Text, IReadOnlyList<int> Lines, string? Command = null, bool Bench = false)
{
    /// <summary>A fragment whose text all sits on one line.</summary>
    public static TextFragment OnLine(string file, int line, string text, string? command = null, bool bench = false) =>
        new(file, text, Enumerable.Repeat(line, text.Length + 1).ToArray(), command, bench);

    /// <summary>The source line of the character at <paramref name="index"/>.</summary>
    public int LineAt(int index) => Lines[Math.Clamp(index, 0, Lines.Count - 1)];

    /// <summary>The part of this fragment from <paramref name="start"/>, <paramref name="length"/> characters long, with the same context.</summary>
    public TextFragment Slice(int start, int length) =>
        this with { Text = Text.Substring(start, length), Lines = Lines.Skip(start).Take(length + 1).ToArray() };
}
