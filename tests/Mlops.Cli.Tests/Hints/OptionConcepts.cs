using System.Text.RegularExpressions;

namespace Mlops.Cli.Tests.Hints;

/// <summary>
/// One spelling per concept across the commands outside <c>mlops bench</c>: options that stand for the same thing (the
/// config key they name as their default, <c>(default: serving.model_dir)</c>, else the settings property they bind)
/// have the same long names on every command, and no option is a second spelling of a config key it does not name as
/// its default (where <c>mlops ui</c> listens is <c>ui.port</c>, as <c>serving.port</c> is for <c>mlops serve</c>).
/// Hidden options (old names kept for scripts) are out of the help and out of these rules.
/// </summary>
public static partial class OptionConcepts
{
    /// <summary>Options named like a config key that mean something else, and why.</summary>
    private static readonly IReadOnlyDictionary<string, string> Unrelated = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--name"] = "a registered model's name (mlops models), not the dataset's (data.name)",
        ["--sweep"] = "which sweep's runs mlops runs list shows; mlops.job.sweep is set by the program, not by a user",
        ["--dir"] = "the folder mlops demo makes for its whole walk (project, serving, remote), not a dataset's (data.dir) or a run's (mlops.run.dir)",
    };

    /// <summary>Each concept spelt more than one way, with the commands that spell it each way.</summary>
    public static IEnumerable<string> SpelledTwoWays(IEnumerable<CliOption> options) =>
        Visible(options)
            .GroupBy(o => DefaultKey(o) ?? o.Property)
            .Select(concept => concept.GroupBy(o => string.Join('|', o.LongNames.Order(StringComparer.Ordinal))).ToList())
            .Where(spellings => spellings.Count > 1)
            .Select(spellings => $"'{DefaultKey(spellings[0].First()) ?? spellings[0].First().Property}' is spelt " +
                string.Join(" and ", spellings.Select(s => $"{s.Key} ({string.Join(", ", s.Select(o => $"mlops {o.Command}").Order(StringComparer.Ordinal))})")));

    /// <summary>Each option whose name is a config key's last segment while it does not stand for that key.</summary>
    public static IEnumerable<string> SecondSpellingsOfKeys(IEnumerable<CliOption> options, IReadOnlySet<string> keys)
    {
        var leaves = keys.Where(k => k.Contains('.') && !keys.Any(other => other.StartsWith(k + ".", StringComparison.Ordinal))).ToList();
        foreach (var option in Visible(options))
        {
            foreach (var name in option.LongNames.Where(n => !Unrelated.ContainsKey(n)))
            {
                var word = name.TrimStart('-').Replace('-', '_');
                var spelt = leaves.Where(k => k[(k.LastIndexOf('.') + 1)..] == word).Order(StringComparer.Ordinal).ToList();
                if (spelt.Count > 0 && !spelt.Contains(DefaultKey(option) ?? ""))
                    yield return $"`mlops {option.Command} {name}` is a second spelling of {string.Join(" or ", spelt)}: " +
                        "take the key as an override, or name it as the option's default";
            }
        }
    }

    private static IEnumerable<CliOption> Visible(IEnumerable<CliOption> options) =>
        options.Where(o => !o.Hidden && !CliOptionCatalog.IsBench(o.Command));

    private static string? DefaultKey(CliOption option) =>
        option.Description is { } description && DefaultKeyPattern().Match(description) is { Success: true } m ? m.Groups["key"].Value : null;

    [GeneratedRegex(@"\(default: (?<key>[a-z_]+(?:\.[a-z_]+)+)")]
    private static partial Regex DefaultKeyPattern();
}
