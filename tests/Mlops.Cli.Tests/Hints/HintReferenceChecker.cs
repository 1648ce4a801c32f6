using System.Text.RegularExpressions;
using Mlops.Core;

namespace Mlops.Cli.Tests.Hints;

/// <summary>
/// Finds what a fragment of user-facing text tells a user to type for <c>mlops</c> and reports each option, config
/// key or group choice that today's program would reject, with the closest valid name.
/// <list type="bullet">
/// <item>An <c>mlops ...</c> command line (also <c>dotnet run --project src/Mlops.Cli ... -- ...</c>) is read token by
/// token: its options must be options of the command it names, and every <c>key=value</c>, <c>~key</c>,
/// <c>+key=value</c> must be a config key or group (the override grammar is strict, so a mistake fails the run).</item>
/// <item>The rest of the text is prose: every <c>--option</c> and <c>-x</c> must exist on the fragment's command (a
/// literal in a command's own class file) or else on some command, benchmark options only in benchmark context;
/// dotted keys (<c>data.dir=...</c>, <c>~training.limit_val_batches</c>, <c>+training.extra=1</c>, a bare
/// <c>training.seed</c>) and group choices (<c>data=cola</c>) must exist. A single-segment <c>key=value</c> that
/// is not a group is left alone there: prose uses those as grammar examples (<c>a=1,2,3</c>, <c>lr=abc</c>).</item>
/// <item>Not mlops: URLs and the command lines of other programs (dotnet, apt, pip, python, git, npm, sed, grep, env,
/// bash, curl, wget, podman, docker, skopeo, promtool, wrk, aws, Slurm's commands and <c>#SBATCH</c> lines, <c>*.py</c> and <c>*.sh</c> scripts, <c>export VAR=</c>)
/// are blanked out before the prose is read.</item>
/// </list>
/// </summary>
public sealed partial class HintReferenceChecker(CliOptionCatalog cli, ConfigSchemaCatalog config)
{
    /// <summary>Last segments that make a dotted word a file name (<c>mlops.json</c>, <c>model.safetensors</c>), not a key.</summary>
    private static readonly HashSet<string> FileExtensions = new(StringComparer.Ordinal)
    {
        "json", "jsonl", "yaml", "yml", "safetensors", "bin", "py", "tsv", "txt", "log", "md", "cs", "csproj", "onnx",
        "parquet", "csv", "pt", "dll", "so", "slnx", "sh",
    };

    private readonly Regex _bareKey = new(
        $@"(?<![\w.\-/$@{{}}<>~+])(?<key>(?:{string.Join('|', config.Sections.Select(Regex.Escape))})(?:\.[a-z0-9_]+)+)(?![\w\-/(=]|\.\w)",
        RegexOptions.CultureInvariant);

    public IEnumerable<HintOffender> Check(TextFragment fragment)
    {
        var offenders = new List<HintOffender>();
        var text = Blank(fragment.Text, UrlPattern());
        var bench = fragment.Bench || fragment.Text.Contains("mlops bench", StringComparison.Ordinal);

        // Command lines first; what they consume is blanked so the prose pass does not read it twice.
        var chars = text.ToCharArray();
        foreach (var pattern in new[] { DotnetRunPattern(), MlopsCallPattern() })
        {
            foreach (Match m in pattern.Matches(new string(chars)))
            {
                var args = m.Groups["args"];
                if (!CheckCommandLine(fragment, args.Value, args.Index, fragment.Bench, offenders)) continue;
                for (var i = m.Index; i < m.Index + m.Length; i++)
                    if (chars[i] != '\n') chars[i] = ' ';
            }
        }
        text = Blank(Blank(new string(chars), ForeignCommandPattern()), ExportPattern());

        foreach (Match m in LongOptionPattern().Matches(text))
            CheckOption(fragment, m.Value, m.Index, fragment.Command, bench, offenders);
        foreach (Match m in ShortOptionPattern().Matches(text))
            CheckOption(fragment, m.Value, m.Index, fragment.Command, bench, offenders);
        foreach (Match m in OverridePattern().Matches(text))
            CheckOverride(fragment, m.Value, m.Index, m.Groups["prefix"].Value, m.Groups["key"].Value, TrimValue(m.Groups["value"].Value), strict: false, offenders);
        foreach (Match m in DeletePattern().Matches(text))
            CheckOverride(fragment, m.Value, m.Index, "~", m.Groups["key"].Value, null, strict: false, offenders);
        foreach (Match m in _bareKey.Matches(text))
        {
            var key = m.Groups["key"].Value;
            if (FileExtensions.Contains(key[(key.LastIndexOf('.') + 1)..])) continue;
            CheckOverride(fragment, key, m.Index, "", key, null, strict: false, offenders);
        }
        return offenders;
    }

    /// <summary>Checks the arguments of one <c>mlops</c> call; false when they do not start like one (then it is prose).</summary>
    private bool CheckCommandLine(TextFragment fragment, string args, int offset, bool bench, List<HintOffender> offenders)
    {
        var tokens = TokenPattern().Matches(args).Select(m => (Text: m.Value, Index: offset + m.Index)).ToList();
        string? command = null;
        var first = 0;
        if (tokens.Count >= 2 && cli.Commands.ContainsKey($"{tokens[0].Text} {tokens[1].Text}"))
            (command, first) = ($"{tokens[0].Text} {tokens[1].Text}", 2);
        else if (tokens.Count >= 1 && cli.Commands.ContainsKey(tokens[0].Text))
            (command, first) = (tokens[0].Text, 1);
        else if (tokens.Count >= 1 && cli.Branches.Contains(tokens[0].Text))
            (bench, first) = (bench || CliOptionCatalog.IsBench(tokens[0].Text), 1);
        else if (tokens.Count > 0 && tokens[0].Text[0] is not ('-' or '<' or '['))
            return false;
        bench |= command is not null && CliOptionCatalog.IsBench(command);

        foreach (var (token, index) in tokens.Skip(first))
        {
            if (CommandLineOptionPattern().Match(token) is { Success: true } option)
                CheckOption(fragment, option.Value, index, command, bench, offenders);
            else if (CommandLineOverridePattern().Match(token) is { Success: true } o && (o.Groups["value"].Success || o.Groups["prefix"].Value == "~"))
                CheckOverride(fragment, token, index, o.Groups["prefix"].Value, o.Groups["key"].Value,
                    o.Groups["value"].Success ? TrimValue(o.Groups["value"].Value) : null, strict: true, offenders);
        }
        return true;
    }

    private void CheckOption(TextFragment fragment, string option, int index, string? command, bool bench, List<HintOffender> offenders)
    {
        var allowed = cli.Allowed(command, bench);
        if (allowed.Contains(option))
        {
            // An old name kept for scripts is named only by its own command (to answer its use), never taught elsewhere; a
            // benchmark's text is left alone unless it names the command (its short flags are often other programs').
            if (fragment.Command is null && (command is not null || !bench) && cli.IsHidden(option, command))
                offenders.Add(new HintOffender(fragment.File, fragment.LineAt(index), option,
                    $"is an old name kept out of the help: write the one `mlops {command ?? string.Join("`/`mlops ", cli.CommandsWith(option))} --help` shows", "(see the help)"));
            return;
        }
        var elsewhere = cli.CommandsWith(option).Select(c => $"`mlops {c}`").ToList();
        var problem = (command, elsewhere.Count) switch
        {
            (null, 0) => "is not an option of any mlops command",
            (null, _) => $"is only an option of {string.Join(", ", elsewhere)}, and this text is not about `mlops bench`",
            (_, 0) => $"is not an option of `mlops {command}`",
            _ => $"is not an option of `mlops {command}` (only of {string.Join(", ", elsewhere)})",
        };
        offenders.Add(new HintOffender(fragment.File, fragment.LineAt(index), option, problem, ClosestToOption(option, allowed)));
    }

    private void CheckOverride(TextFragment fragment, string reference, int index, string prefix, string key, string? value, bool strict, List<HintOffender> offenders)
    {
        void Report(string problem, string closest) =>
            offenders.Add(new HintOffender(fragment.File, fragment.LineAt(index), reference, problem, closest));

        var adds = prefix is "+" or "++";
        if (!key.Contains('.'))
        {
            if (config.Groups.TryGetValue(key, out var options))
            {
                foreach (var option in Options(value).Where(o => !options.Contains(o)))
                    Report($"chooses '{option}', which is not an option of group '{key}'",
                        $"{key}={Closest(option, options) ?? string.Join('|', options)}");
            }
            else if (strict && !adds && !config.Keys.Contains(key))
            {
                Report("is neither a config group nor a config key", ClosestToKey(key));
            }
            return;
        }
        var section = key[..key.IndexOf('.')];
        if (adds ? !config.Sections.Contains(section) && !config.Groups.ContainsKey(section) : !config.Keys.Contains(key))
            Report(adds ? $"adds to '{section}', which is not a config section" : "is not a config key", ClosestToKey(key));
    }

    /// <summary>The options a group choice names: one, a sweep <c>a,b</c> or <c>choice(a,b)</c>; placeholders name none.</summary>
    private static IEnumerable<string> Options(string? value)
    {
        if (value is null || value.StartsWith("range(", StringComparison.Ordinal)) return [];
        if (value.StartsWith("choice(", StringComparison.Ordinal)) value = value["choice(".Length..].TrimEnd(')');
        return value.Split(',').Where(v => v.Length > 0 && v[0] is not ('<' or '$' or '{' or '[') && v is not ("..." or "???" or "null"));
    }

    private static string TrimValue(string value) => value.TrimEnd('.', ',', ';', ':', ')', '!', '?');

    private string ClosestToKey(string key) =>
        config.Keys.Concat(config.Groups.Keys).MinBy(k => Suggestions.Distance(key, k)) is { } best ? $"{best}=..." : "(none)";

    /// <summary>
    /// The nearest of the options allowed here and of the config keys and groups (compared as option-like words, so
    /// <c>--data-dir</c> meets <c>data.dir</c> and <c>--seed</c> meets <c>training.seed</c>).
    /// </summary>
    private string ClosestToOption(string option, IReadOnlySet<string> allowed)
    {
        static string Word(string s) => s.TrimStart('-').Replace('-', '_').Replace('.', '_').ToLowerInvariant();
        var word = Word(option);
        var candidates = allowed.Select(o => (Distance: Suggestions.Distance(word, Word(o)), Text: o))
            .Concat(config.Groups.Select(g => (Distance: Suggestions.Distance(word, g.Key), Text: $"{g.Key}={string.Join('|', g.Value)}")))
            .Concat(config.Keys.Where(k => k.Contains('.')).Select(k =>
                (Distance: Math.Min(Suggestions.Distance(word, Word(k)), Suggestions.Distance(word, k[(k.LastIndexOf('.') + 1)..])), Text: $"{k}=...")));
        return candidates.MinBy(c => c.Distance).Text;
    }

    private static string? Closest(string input, IEnumerable<string> choices) => choices.MinBy(c => Suggestions.Distance(input, c));

    /// <summary>Replaces each match by spaces (newlines kept), so indices and lines stay those of the source.</summary>
    private static string Blank(string text, Regex pattern) =>
        pattern.Replace(text, m => Regex.Replace(m.Value, "[^\n]", " "));

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex UrlPattern();

    /// <summary><c>dotnet run --project .../Mlops.Cli [dotnet options] -- ARGS</c>: ARGS go to mlops.</summary>
    [GeneratedRegex(@"\bdotnet\s+run\b[^\n`;&|]*?--project\s+\S*Mlops\.Cli\S*[^\n`;&|]*?\s--(?=\s|$)(?<args>(?:[^\n`;&|#]|(?<!\s)#)*)")]
    private static partial Regex DotnetRunPattern();

    /// <summary><c>mlops ARGS</c> up to the end of the line, a backtick, a shell separator or a <c> #</c> comment.</summary>
    [GeneratedRegex(@"(?<![\w./\-])mlops(?=\s|$)(?<args>(?:[^\n`;&|#]|(?<!\s)#)*)")]
    private static partial Regex MlopsCallPattern();

    /// <summary>Another program's command line, to the end of its clause: its flags are not mlops options.</summary>
    [GeneratedRegex(@"(?<![\w./\-])(?:apt-get|apt|pip3?|python3?|dotnet|git|npm|npx|sed|grep|bash|curl|wget|env|podman|docker|skopeo|promtool|wrk|aws|sbatch|srun|scontrol|scancel|sinfo|squeue|#SBATCH|[\w\-/.]+\.(?:py|sh))\s+[^\n`;&|#)]*")]
    private static partial Regex ForeignCommandPattern();

    [GeneratedRegex(@"\bexport\s+[A-Z_][A-Z0-9_]*=\S*")]
    private static partial Regex ExportPattern();

    [GeneratedRegex(@"""[^""]*""|'[^']*'|\S+")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"(?<![\w\-/.])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*")]
    private static partial Regex LongOptionPattern();

    [GeneratedRegex(@"(?<![\w\-/.])-[a-zA-Z](?![\w\-:])")]
    private static partial Regex ShortOptionPattern();

    /// <summary><c>[+|++|~]key=value</c> in prose; the value runs to the next space or quote.</summary>
    [GeneratedRegex(@"(?<![\w.\-/$@{}<>+~])(?<prefix>\+\+|\+|~)?(?<key>[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)=(?<value>[^\s`'""]*)")]
    private static partial Regex OverridePattern();

    /// <summary><c>~key</c> without a value, in prose.</summary>
    [GeneratedRegex(@"(?<![\w.\-/$@{}<>+~])~(?<key>[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)(?![\w=]|\.\w)")]
    private static partial Regex DeletePattern();

    /// <summary>The option a command-line token starts with (<c>--resume</c>, <c>-m</c>), without <c>=value</c> or punctuation after it.</summary>
    [GeneratedRegex(@"^(?:--[a-z][a-z0-9]*(?:-[a-z0-9]+)*|-[a-zA-Z](?![\w\-]))")]
    private static partial Regex CommandLineOptionPattern();

    /// <summary>One command-line token that is an override: <c>[+|++|~]key[=value]</c>.</summary>
    [GeneratedRegex(@"^(?<prefix>\+\+|\+|~)?(?<key>[A-Za-z_][\w\-]*(?:\.[\w\-]+)*)(?:=(?<value>.*))?$")]
    private static partial Regex CommandLineOverridePattern();
}
