using Mlops.Bench.Benchmarks.Tables;
using Mlops.Core;
using Mlops.Data;

namespace Mlops.Cli.Tests;

/// <summary>
/// <c>mlops bench table</c> at 2,000 rows: the generated CSV reads back through <c>data=table</c> with every row, 20
/// imbalanced labels and quoted commas, quotes and line breaks; the ragged copy differs on the one line it names, and
/// the benchmark's check of <c>mlops data check</c> on it passes, while on the intact file it fails loudly.
/// </summary>
public sealed class TableBenchTests : TempDirectoryTest
{
    private const int Rows = 2000;

    private Task<GeneratedTable> WriteAsync(string name, int? raggedRow) =>
        GeneratedTable.WriteAsync(Path.Combine(Dir, name), Rows, seed: 3, raggedRow, CancellationToken.None);

    [Fact]
    public async Task The_generated_table_reads_back_with_every_row_and_twenty_imbalanced_labels()
    {
        var table = await WriteAsync("table.csv", null);
        var splits = await table.Options.Resolve().LoadAsync();

        Assert.Equal(Rows, splits.Train.Count + splits.Validation.Count);
        Assert.InRange(splits.Validation.Count, Rows / 20, Rows / 5);
        Assert.Equal(GeneratedTable.Labels.Order(StringComparer.Ordinal), splits.LabelNames);
        var counts = splits.Train.CountBy(s => s.Label).Select(c => c.Value).ToList();
        Assert.True(counts.Max() >= 5 * counts.Min(), $"label counts {string.Join(", ", counts)}");
        var texts = splits.Train.Concat(splits.Validation).Select(s => s.Text).ToList();
        Assert.Contains(texts, t => t.Contains('\n'));
        Assert.Contains(texts, t => t.Contains('"'));
        Assert.Contains(texts, t => t.Contains(','));
        Assert.All(texts, t => Assert.Contains(" | ", t));
    }

    [Fact]
    public async Task The_ragged_row_is_named_by_its_line_and_the_check_fails_loudly_without_it()
    {
        var intact = await WriteAsync("table.csv", null);
        var ragged = await WriteAsync("ragged.csv", Rows - 10);

        // The only line that differs is the one named: line breaks inside quoted fields put it past row + 1.
        var (a, b) = (await File.ReadAllLinesAsync(intact.Path), await File.ReadAllLinesAsync(ragged.Path));
        var differing = Assert.Single(Enumerable.Range(0, a.Length), i => a[i] != b[i]);
        Assert.Equal(ragged.RaggedLine, differing + 1);
        Assert.True(ragged.RaggedLine > Rows - 10 + 1, $"line {ragged.RaggedLine}: no line break inside a field before it");

        var check = await MalformedRowCheck.RunAsync("dotnet", [MlopsProcess.Program], ragged, CancellationToken.None);
        Assert.Contains($"{ragged.Path}, line {ragged.RaggedLine}", check.Message);

        var wrong = intact with { RaggedRow = Rows - 10, RaggedLine = ragged.RaggedLine };
        var error = await Assert.ThrowsAsync<MlopsException>(() => MalformedRowCheck.RunAsync("dotnet", [MlopsProcess.Program], wrong, CancellationToken.None));
        Assert.Contains("exited 0", error.Message);
    }
}
