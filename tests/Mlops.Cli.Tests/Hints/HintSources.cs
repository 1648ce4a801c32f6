using System.Text.RegularExpressions;

namespace Mlops.Cli.Tests.Hints;

/// <summary>
/// The user-facing text of a checkout as fragments: the string literals of src/**/*.cs (messages, hints,
/// <c>[Description]</c>s and help examples all live in literals), README.md and docs/*.md, and the comments of
/// configs/**/*.yaml. A literal's <c>`code spans`</c> are read apart from the rest of it.
/// </summary>
public static partial class HintSources
{
    /// <summary>Source files whose literals are another program's arguments (git's, wrk's, aws's, podman's, s3rver's, Prometheus's, Slurm's, dotnet build's, the FastAPI and ML.NET anchors'), not text shown to a user.</summary>
    private static readonly IReadOnlySet<string> OtherProgramsArguments = new HashSet<string>(StringComparer.Ordinal) { "src/Mlops.Core/Processes/GitState.cs", "src/Mlops.Bench/Benchmarks/ServingLoad.cs", "src/Mlops.Versioning/GitRevision.cs", "src/Mlops.Bench/Benchmarks/BenchBucket.cs", "src/Mlops.Bench/Benchmarks/Podman.cs", "src/Mlops.Bench/Benchmarks/Issues/MlNetContestant.cs", "src/Mlops.Runs/Slurm/SlurmCli.cs", "src/Mlops.Runs/Slurm/SlurmJobScript.cs", "src/Mlops.Monitoring/Alerting/LocalAlerting.cs", "src/Mlops.Cli/Demo/ServingContainer.cs", "src/Mlops.Cli/Demo/DemoServers.cs" };

    public static IEnumerable<TextFragment> Read(string root, CliOptionCatalog cli)
    {
        foreach (var path in Files(root, "src", "*.cs"))
        {
            var file = Relative(root, path);
            if (OtherProgramsArguments.Contains(file)) continue;
            var command = file.StartsWith("src/Mlops.Cli/Commands/", StringComparison.Ordinal) || file.StartsWith("src/Mlops.Bench/Commands/", StringComparison.Ordinal)
                ? cli.CommandOfType(Path.GetFileNameWithoutExtension(path)) : null;
            // A benchmark file drives the other bench commands and the Python anchors (whose flags are named as
            // ours), so benchmark options are allowed in it, not just its own command's.
            var bench = file.StartsWith("src/Mlops.Bench/", StringComparison.Ordinal) || (command is not null && CliOptionCatalog.IsBench(command));
            foreach (var (text, lines) in CSharpStringLiterals.Read(File.ReadAllText(path)).Where(l => !IsIdentifier(l.Text)))
            {
                foreach (var fragment in SplitCodeSpans(new TextFragment(file, text, lines, bench ? null : command, bench)))
                    yield return fragment;
            }
        }
        foreach (var path in new[] { Path.Combine(root, "README.md") }.Concat(Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md")).Order(StringComparer.Ordinal))
        {
            foreach (var fragment in MarkdownFragments.Read(Relative(root, path), File.ReadAllText(path)))
                yield return fragment;
        }
        foreach (var path in Files(root, "configs", "*.yaml"))
        {
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                if (YamlCommentPattern().Match(lines[i]) is { Success: true } comment)
                {
                    foreach (var fragment in SplitCodeSpans(TextFragment.OnLine(Relative(root, path), i + 1, comment.Groups[1].Value)))
                        yield return fragment;
                }
            }
        }
    }

    /// <summary>Each <c>`code span`</c> of a fragment alone, then the rest of it with the spans blanked out.</summary>
    public static IEnumerable<TextFragment> SplitCodeSpans(TextFragment fragment)
    {
        var spans = CodeSpanPattern().Matches(fragment.Text);
        foreach (Match span in spans)
            yield return fragment.Slice(span.Groups[1].Index, span.Groups[1].Length);
        yield return fragment with { Text = CodeSpanPattern().Replace(fragment.Text, m => Regex.Replace(m.Value, "[^\n]", " ")) };
    }

    /// <summary>
    /// A literal that is one word and neither an option nor an override (a logger category "mlops.train", a file
    /// name, a JSON property) names something in code, not something to type; a single "--flag" or "key=value" word
    /// (a help example's argument, a child process's argument) is still read.
    /// </summary>
    private static bool IsIdentifier(string text) =>
        text.Length > 0 && !text.Any(char.IsWhiteSpace) && !text.Contains('=') && text[0] is not ('-' or '~' or '+');

    private static IEnumerable<string> Files(string root, string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(root, folder), pattern, SearchOption.AllDirectories)
            .Where(p => !Relative(root, p).Split('/').Any(part => part is "obj" or "bin"))
            .Order(StringComparer.Ordinal);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpanPattern();

    /// <summary>A YAML comment: '#' at the start of a line or after a space (so '#' inside a value stays a value).</summary>
    [GeneratedRegex(@"(?:^|\s)#(.*)$")]
    private static partial Regex YamlCommentPattern();
}
