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
        var bench = false;
        foreach (var line in MarkdownLines.Read(markdown))
        {
            if (line.IsCode)
            {
                yield return new TextFragment(file, line.Text, line.Lines, Bench: bench);
                continue;
            }
            if (line.Text.StartsWith('#')) bench = line.Text.Contains("mlops bench", StringComparison.Ordinal);
            var fragment = TextFragment.OnLine(file, line.Number, line.Text, bench: bench);
            foreach (Match span in CodeSpanPattern().Matches(line.Text))
                yield return fragment.Slice(span.Groups[1].Index, span.Groups[1].Length);
            if (line.Text.TrimStart().StartsWith("mlops ", StringComparison.Ordinal)) yield return fragment;
        }
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpanPattern();
}
