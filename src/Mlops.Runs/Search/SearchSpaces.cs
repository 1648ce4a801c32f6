using Mlops.Config.Overrides;

namespace Mlops.Runs.Search;

/// <summary>
/// Reads a search space from the sweep overrides, as Hydra's Optuna sweeper does: <c>interval(low, high)</c> is a
/// uniform real, a whole-number <c>range(start, stop[, step])</c> a uniform integer, either in <c>tag(log, ...)</c> on
/// a log scale; a list (<c>a,b,c</c>) or <c>choice(...)</c> is a categorical choice among its values.
/// </summary>
public static class SearchSpaces
{
    public static SearchSpace From(IEnumerable<Override> overrides) =>
        new([.. overrides.Where(o => o.IsSweep).Select(o => new SearchParameter(o.Key, DistributionOf(o)))]);

    /// <summary>The override that gives <paramref name="sweep"/> the value <paramref name="text"/>, kept as written (<c>+</c>, <c>++</c>).</summary>
    public static Override Pick(Override sweep, string text) => sweep.With(new OverrideElement(Mlops.Config.Tree.ConfigScalar.Plain(text), text));

    private static Distribution DistributionOf(Override sweep) => sweep.Domain switch
    {
        { Function: SweepFunction.Interval } d => new FloatDistribution((double)d.Low, (double)d.High, d.Log),
        { Function: SweepFunction.Range } d => new IntDistribution((long)d.Low, (long)d.High, (long)d.Step, d.Log),
        _ => new CategoricalDistribution([.. sweep.Values.Select(v => v.Text)]),
    };
}
