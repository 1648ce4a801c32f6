using System.Text.RegularExpressions;

namespace Mlops.Cli.Tests.Hints;

/// <summary>
/// The parts of a markdown file that can tell a user what to type: each line of a code block (a trailing
/// <c>\</c> joins the next line), each <c>`code span`</c>, and prose lines that start with <c>mlops </c>. Other prose
/// is not read: it describes, it does not instruct. A section whose heading names <c>mlops bench</c> is benchmark context.
/// </summary>
public static partial class MarkdownFragments
{
    public static IEnumerable<TextFragment> Read(string file, string markdown)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var inCode = false;
        var bench = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
                continue;
            }
            if (inCode)
            {
                var text = line;
                var numbers = Enumerable.Repeat(i + 1, line.Length).ToList();
                while (text.EndsWith('\\') && i + 1 < lines.Length)
                {
                    text = text[..^1] + " " + lines[++i];
                    numbers.AddRange(Enumerable.Repeat(i + 1, lines[i].Length + 1));
                }
                numbers.Add(i + 1);
                yield return new TextFragment(file, text, numbers, Bench: bench);
                continue;
            }
            if (line.StartsWith('#')) bench = line.Contains("mlops bench", StringComparison.Ordinal);
            var fragment = TextFragment.OnLine(file, i + 1, line, bench: bench);
            foreach (Match span in CodeSpanPattern().Matches(line))
                yield return fragment.Slice(span.Groups[1].Index, span.Groups[1].Length);
            if (line.TrimStart().StartsWith("mlops ", StringComparison.Ordinal)) yield return fragment;
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpanPattern();
}
