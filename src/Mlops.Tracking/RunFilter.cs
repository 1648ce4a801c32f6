using System.Globalization;
using System.Text.RegularExpressions;
using Mlops.Core;

namespace Mlops.Tracking;

/// <summary>
/// One clause of a run filter such as <c>val_mcc &gt; 0.3 and model.shape = minilm</c>: a metric compared by its last
/// value with a number, or a param (or the run's <c>name</c>, <c>sweep</c>, <c>status</c>) equal or not to a text.
/// </summary>
public sealed partial record RunFilter(string Key, string Operator, string Value)
{
    /// <summary>Run columns a filter can name directly; every other key is a metric or a param.</summary>
    public static readonly IReadOnlyList<string> RunColumns = ["name", "sweep", "status"];

    /// <summary>The value as a number, when it is one (then a metric of that key can match, and a param holding the same number written otherwise).</summary>
    public double? Number => NumberOf(Value);

    /// <summary>The number <paramref name="text"/> writes (<c>1e-4</c>, <c>0.0001</c> and <c>1.0e-4</c> alike), or null when it is not one.</summary>
    public static double? NumberOf(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    public override string ToString() => $"{Key} {Operator} {Value}";

    /// <summary>Whether this clause orders values (<c>&lt; &lt;= &gt; &gt;=</c>), which only metrics do.</summary>
    public bool Orders => Operator is not ("=" or "!=");

    /// <summary>Parses clauses joined by <c>and</c>; empty text is no filter. A clause that is not KEY OP VALUE is one clear error.</summary>
    public static IReadOnlyList<RunFilter> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var filters = new List<RunFilter>();
        foreach (var clause in And().Split(text.Trim()))
        {
            if (Clause().Match(clause) is not { Success: true } match)
                throw Invalid($"'{clause.Trim()}' is not KEY OP VALUE");
            var value = match.Groups["value"].Value;
            if (value.Length >= 2 && value[0] == value[^1] && value[0] is '\'' or '"') value = value[1..^1];
            var filter = new RunFilter(match.Groups["key"].Value, match.Groups["op"].Value, value);
            if (filter.Orders && filter.Number is null) throw Invalid($"'{clause.Trim()}' orders by '{value}', which is not a number");
            if (filter.Orders && RunColumns.Contains(filter.Key)) throw Invalid($"'{clause.Trim()}': {filter.Key} compares with = or != only");
            filters.Add(filter);
        }
        return filters;
    }

    private static MlopsException Invalid(string problem) => new($"Run filter: {problem}.",
        "Write clauses like `val_mcc > 0.3 and model.shape = minilm`: metrics compare their last value with = != < <= > >=, params and name/sweep/status with = or !=.",
        ExitCodes.UserError);

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex And();

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z0-9_./@\-]+)\s*(?<op><=|>=|!=|=|<|>)\s*(?<value>\S.*?)\s*$")]
    private static partial Regex Clause();
}
