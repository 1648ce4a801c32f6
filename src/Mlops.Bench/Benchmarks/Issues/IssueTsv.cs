using nietras.SeparatedValues;
using Mlops.Data;

namespace Mlops.Bench.Benchmarks.Issues;

/// <summary>
/// The issues TSV (header <c>ID, Area, Title, Description</c>; tab-separated; a field that holds a tab, a quote or a
/// line break is quoted, its quotes doubled): read from the benchmark's input, and written as the train and test
/// files every contestant gets. The reader stands in until the <c>data=table</c> source reads such files.
/// </summary>
public static class IssueTsv
{
    public static readonly string[] Columns = ["ID", "Area", "Title", "Description"];

    public static async Task<IReadOnlyList<IssueRow>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new DataException($"The issues file '{path}' does not exist.", "Pass --data <FILE> with a TSV of columns ID, Area, Title, Description.");
        using var reader = await Sep.New('\t').Reader(o => o with { Unescape = true }).FromFileAsync(path, cancellationToken);
        var missing = Columns.Where(c => !reader.Header.ColNames.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new DataException($"The issues file '{path}' has no column(s) {string.Join(", ", missing)} (its header: {string.Join(", ", reader.Header.ColNames)}).",
                "Give a tab-separated file whose header names ID, Area, Title and Description.");
        var rows = new List<IssueRow>();
        try
        {
            await foreach (var row in reader.WithCancellation(cancellationToken))
            {
                var issue = new IssueRow(row["ID"].ToString(), row["Area"].ToString(), row["Title"].ToString(), row["Description"].ToString());
                if (issue.Area.Length == 0) throw new DataException($"The issues file '{path}', line {row.LineNumberFrom}: the Area column is empty.", "Label every issue with its area.");
                rows.Add(issue);
            }
        }
        catch (InvalidDataException e)
        {
            // Sep's message names the row and how many columns it found against the header's.
            throw new DataException($"The issues file '{path}' cannot be read: {e.Message.ReplaceLineEndings(" ")}", "Quote a field that holds a tab or a line break, and double its quotes.");
        }
        return rows;
    }

    public static async Task WriteAsync(string path, IEnumerable<IssueRow> issues, CancellationToken cancellationToken)
    {
        await using var writer = Sep.New('\t').Writer(o => o with { Escape = true }).ToFile(path);
        foreach (var issue in issues)
        {
            await using var row = writer.NewRow(cancellationToken);
            row["ID"].Set(issue.Id);
            row["Area"].Set(issue.Area);
            row["Title"].Set(issue.Title);
            row["Description"].Set(issue.Description);
        }
        await writer.FlushAsync(cancellationToken);
    }
}
