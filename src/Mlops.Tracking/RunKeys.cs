using Mlops.Core;

namespace Mlops.Tracking;

/// <summary>
/// The metric and param keys the runs of a store have (each sorted), to check that a sort or a filter names one: a
/// mistyped key would otherwise list nothing, or sort by an empty column, without saying why.
/// </summary>
public sealed record RunKeys(IReadOnlyList<string> Metrics, IReadOnlyList<string> Params)
{
    /// <summary>How many nearest keys an error names.</summary>
    private const int Suggested = 3;

    /// <summary>
    /// Throws, in one line naming the nearest keys, when <paramref name="query"/> sorts by a metric no run has or filters
    /// by a key no run has (a clause that orders names a metric, one with a text a param, one with a number either).
    /// A store without runs has no keys to compare with and passes.
    /// </summary>
    public void Check(RunQuery query)
    {
        if (Metrics.Count == 0 && Params.Count == 0) return;
        if (query.SortMetric is { } sort && !Metrics.Contains(sort))
            throw Unknown(sort, $"a metric '{sort}' to sort by", Metrics);
        foreach (var filter in query.Filters.Where(f => !RunFilter.RunColumns.Contains(f.Key)))
        {
            var (kind, keys) = filter.Orders ? ("metric", Metrics) : filter.Number is null ? ("param", Params) : ("metric or param", [.. Metrics, .. Params]);
            if (!keys.Contains(filter.Key)) throw Unknown(filter.Key, $"a {kind} '{filter.Key}' (in '{filter}')", keys);
        }
    }

    private static MlopsException Unknown(string key, string what, IReadOnlyList<string> keys) =>
        new(keys.Count > 0 ? $"No run has {what}; nearest: {string.Join(", ", Suggestions.Nearest(key, keys, Suggested))}." : $"No run has {what}, nor any other.",
            "See a run's metrics and params with mlops runs show --run ID.", ExitCodes.UserError);
}
