using Mlops.Data;

namespace Mlops.Bench.Benchmarks.Issues;

/// <summary>The issues of the benchmark and their areas in ordinal order: the class indices every contestant is scored on.</summary>
public sealed class IssueTable
{
    private readonly Dictionary<string, int> _index;

    private IssueTable(IReadOnlyList<IssueRow> rows, IReadOnlyList<string> areas)
    {
        Rows = rows;
        Areas = areas;
        _index = areas.Select((area, i) => (area, i)).ToDictionary(p => p.area, p => p.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<IssueRow> Rows { get; }

    public IReadOnlyList<string> Areas { get; }

    /// <summary>The table of <paramref name="rows"/>; <paramref name="source"/> names where they came from in the error when fewer than two areas are labelled.</summary>
    public static IssueTable Of(IReadOnlyList<IssueRow> rows, string source)
    {
        var areas = rows.Select(r => r.Area).Distinct().Order(StringComparer.Ordinal).ToList();
        if (areas.Count < 2)
            throw new DataException($"'{source}' labels its {rows.Count} issue(s) with {areas.Count} area(s); a classifier needs at least 2.",
                "Give an issues TSV whose Area column names at least two areas.");
        return new IssueTable(rows, areas);
    }

    /// <summary>The class index of <paramref name="area"/>, or null for an area no issue of the table has.</summary>
    public int? IndexOf(string area) => _index.TryGetValue(area, out var i) ? i : null;
}
