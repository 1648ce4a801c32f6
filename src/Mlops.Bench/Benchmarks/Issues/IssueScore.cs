using Mlops.Core;
using Mlops.Metrics;

namespace Mlops.Bench.Benchmarks.Issues;

/// <summary>Scores every contestant the same way: its predicted areas against the test rows' areas, on the table's classes, with Mlops.Metrics.</summary>
public static class IssueScore
{
    public static ClassificationMetrics Compute(IssueTable table, IReadOnlyList<IssueRow> test, IReadOnlyList<string> predicted, string contestant)
    {
        if (predicted.Count != test.Count)
            throw new MlopsException($"{contestant} predicted {predicted.Count} area(s) for {test.Count} test rows.", "Its input TSV or its prediction output is misread; run it alone on the same files.");
        var matrix = new ConfusionMatrix(table.Areas.Count);
        for (var i = 0; i < test.Count; i++)
        {
            var area = predicted[i];
            var index = table.IndexOf(area) ?? throw new MlopsException($"{contestant} predicted the area '{area}' for test row {i}, which no issue is labelled with.");
            matrix.Add(table.IndexOf(test[i].Area)!.Value, index);
        }
        return matrix.Compute();
    }
}
