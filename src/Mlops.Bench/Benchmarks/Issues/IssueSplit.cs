using Mlops.Data.Splits;

namespace Mlops.Bench.Benchmarks.Issues;

/// <summary>
/// One seed's train/test split of the issues: <see cref="TestFraction"/> of every area held out for testing by
/// <see cref="StratifiedDraw"/>, the rest trained on; both parts keep the file's order.
/// </summary>
public sealed record IssueSplit(IReadOnlyList<IssueRow> Train, IReadOnlyList<IssueRow> Test)
{
    public const double TestFraction = 0.2;

    public static IssueSplit Draw(IssueTable table, int seed)
    {
        var held = StratifiedDraw.HoldOut([.. table.Rows.Select(r => table.IndexOf(r.Area)!.Value)], TestFraction, seed);
        return new IssueSplit([.. table.Rows.Where((_, i) => !held[i])], [.. table.Rows.Where((_, i) => held[i])]);
    }
}
