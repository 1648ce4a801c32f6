using Mlops.Config;

namespace Mlops.Runs.Search;

/// <summary>The parameters a sweep searches, each validated on construction so a sampler never meets a bad one.</summary>
public sealed record SearchSpace
{
    public SearchSpace(IReadOnlyList<SearchParameter> parameters)
    {
        if (parameters.Count == 0)
            throw new ConfigException("the search space is empty",
                "Declare the parameters to search as overrides, e.g. training.lr=interval(1e-5, 1e-3).");
        var duplicate = parameters.GroupBy(p => p.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ConfigException($"{duplicate.Key}: searched twice in one search space", "Declare each key once.");
        foreach (var parameter in parameters) parameter.Distribution.Validate(parameter.Key);
        Parameters = parameters;
    }

    public IReadOnlyList<SearchParameter> Parameters { get; }

    /// <summary>A proposal as overrides, <c>key=text</c>, in the space's order.</summary>
    public IReadOnlyList<string> ToOverrides(IReadOnlyDictionary<string, double> values) =>
        [.. Parameters.Select(p => $"{p.Key}={p.Distribution.Format(values[p.Key])}")];
}
