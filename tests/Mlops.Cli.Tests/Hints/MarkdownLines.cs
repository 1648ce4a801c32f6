namespace Mlops.Cli.Tests.Hints;

/// <summary>
/// The lines of a markdown file, each either prose or a line of a fenced code block (with the fence's language); a
/// code line ending in <c>\</c> is joined with the next, as a shell joins it. The fences themselves are not lines here.
/// </summary>
public static class MarkdownLines
{
    public static IEnumerable<MarkdownLine> Read(string markdown)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        string? fence = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fence = fence is null ? line.TrimStart()[3..].Trim() : null;
                continue;
            }
            var number = i + 1;
            var text = line;
            var numbers = Enumerable.Repeat(number, line.Length).ToList();
            while (fence is not null && text.EndsWith('\\') && i + 1 < lines.Length)
            {
                text = text[..^1] + " " + lines[++i];
                numbers.AddRange(Enumerable.Repeat(i + 1, lines[i].Length + 1));
            }
            numbers.Add(i + 1);
            yield return new MarkdownLine(number, text, numbers, fence);
        }
    }
}

/// <summary>
/// One line of a markdown file: where it starts, its text (continuations joined), the source line of each character
/// (and one past the end), and the language of the fenced block it sits in ("" for a bare fence; null for prose).
/// </summary>
public sealed record MarkdownLine(int Number, string Text, IReadOnlyList<int> Lines, string? Fence)
{
    public bool IsCode => Fence is not null;

    /// <summary>The source line this line ends on (after its continuations).</summary>
    public int LastLine => Lines[^1];
}
