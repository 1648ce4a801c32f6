using System.Text.RegularExpressions;
using Mlops.Cli.Tests.Hints;

namespace Mlops.Cli.Tests.Docs;

/// <summary>
/// The <c>mlops</c> commands of a markdown page: the lines of its shell code blocks (<c>bash</c>, <c>sh</c>,
/// <c>shell</c>, <c>console</c> or a bare fence) that start with <c>mlops </c>, after an optional <c>$ </c> prompt;
/// <c>dotnet run --project src/Mlops.Cli --</c> is the same program (the README says so) and reads as <c>mlops</c>.
/// A page announces a failure with <c># exits N</c> in the line's comment or in a comment line just above it.
/// </summary>
public static partial class PageCommandReader
{
    private static readonly IReadOnlySet<string> ShellFences = new HashSet<string>(StringComparer.Ordinal) { "", "bash", "sh", "shell", "console" };

    public static IEnumerable<PageCommand> Read(string file, string markdown)
    {
        MarkdownLine? above = null;
        foreach (var line in MarkdownLines.Read(markdown))
        {
            var (code, comment) = SplitComment(DotnetRunPattern().Replace(line.Text.Trim(), "mlops "));
            if (code.StartsWith("$ ", StringComparison.Ordinal)) code = code[2..].TrimStart();
            if (line.Fence is { } fence && ShellFences.Contains(fence) && code.StartsWith("mlops ", StringComparison.Ordinal))
            {
                var announced = Announced(comment)
                    ?? (above is { IsCode: true } && above.LastLine == line.Number - 1 && above.Text.TrimStart().StartsWith('#') ? Announced(above.Text) : null);
                yield return new PageCommand(file, line.Number, code, announced ?? 0);
            }
            above = line;
        }
    }

    /// <summary>A shell line split at its comment: the first <c>#</c> outside quotes that starts a word.</summary>
    public static (string Code, string Comment) SplitComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
                else if (c == '\\' && quote == '"') i++;
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == '\\') i++;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return (line[..i].TrimEnd(), line[(i + 1)..].Trim());
        }
        return (line.TrimEnd(), "");
    }

    private static int? Announced(string comment) => ExitsPattern().Match(comment) is { Success: true } m ? int.Parse(m.Groups[1].Value) : null;

    [GeneratedRegex(@"\bexits (\d+)\b")]
    private static partial Regex ExitsPattern();

    [GeneratedRegex(@"\bdotnet run --project src/Mlops\.Cli(?: -c \w+)? -- ")]
    private static partial Regex DotnetRunPattern();
}
