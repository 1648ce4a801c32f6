using Mlops.Config.Tree;

namespace Mlops.Config.Overrides;

/// <summary>One value of an override, with the text it was written as (used to name multirun jobs).</summary>
public sealed record OverrideElement(ConfigNode Node, string Text);

/// <summary>
/// A parsed command-line override. <see cref="Values"/> holds one element, or several for a sweep
/// (<c>a,b,c</c>, <c>range(...)</c>, <c>choice(...)</c>, <c>interval(...)</c>) that a multirun expands into jobs or searches.
/// </summary>
public sealed record Override(OverrideKind Kind, string Key, IReadOnlyList<OverrideElement> Values, bool IsSweep, string Text)
{
    /// <summary>
    /// The numeric range a sweep declared (<c>interval(low, high)</c>, a whole-number <c>range(...)</c>, either in
    /// <c>tag(log, ...)</c>), which a search samples from; null for a list or <c>choice(...)</c>, which it picks among.
    /// </summary>
    public SweepDomain? Domain { get; init; }

    /// <summary>The single value of a non-sweep override; null for a bare <c>~key</c>.</summary>
    public OverrideElement? Value => Values.Count == 1 && !IsSweep ? Values[0] : null;

    /// <summary>This override with one value picked from its sweep, written back as text (<c>key=value</c>).</summary>
    public Override With(OverrideElement element) => this with
    {
        Values = [element],
        IsSweep = false,
        Domain = null,
        Text = $"{Prefix}{Key}={element.Text}",
    };

    /// <summary>The error for a sweep given where one value is expected (no <c>-m</c>).</summary>
    public ConfigException SweepOutsideMultirun() =>
        new($"'{Text}' is a sweep over {Values.Count} values.", "Add -m (--multirun) to run one job per value.");

    private string Prefix => Kind switch
    {
        OverrideKind.Add => "+",
        OverrideKind.ForceAdd => "++",
        OverrideKind.Delete => "~",
        _ => "",
    };

    public override string ToString() => Text;
}
