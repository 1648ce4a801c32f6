using Parquet;
using Parquet.Schema;

namespace Mlops.Data.Tests.Tables;

/// <summary>Parquet tables: string and integer columns over several row groups, rows numbered from 1 across them.</summary>
public sealed class ParquetTableTests : TableTest
{
    private async Task<string> WriteParquetAsync(string name, string?[] texts, DataField label, Array labels, string[]? splits = null, int rowGroups = 1)
    {
        var text = new DataField("text", typeof(string), true);
        var split = new DataField("split", typeof(string), true);
        var schema = splits is null ? new ParquetSchema(text, label) : new ParquetSchema(text, label, split);
        var path = Path.Combine(Dir, name);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        var perGroup = (texts.Length + rowGroups - 1) / rowGroups;
        for (var start = 0; start < texts.Length; start += perGroup)
        {
            var count = Math.Min(perGroup, texts.Length - start);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(text, texts.Skip(start).Take(count).ToList(), null);
            switch (labels)
            {
                case string?[] strings:
                    await group.WriteAsync(label, strings.Skip(start).Take(count).ToList(), null);
                    break;
                case long?[] longs:
                    await group.WriteAsync<long>(label, longs.AsMemory(start, count), null, null, default);
                    break;
                case int[] ints:
                    await group.WriteAsync<int>(label, ints.AsMemory(start, count), null, null, default);
                    break;
            }
            if (splits is not null) await group.WriteAsync(split, splits.Skip(start).Take(count).ToList(), null);
        }
        return path;
    }

    [Fact]
    public async Task String_labels_and_a_split_column_are_read_across_row_groups()
    {
        var path = await WriteParquetAsync("t.parquet", ["a", "b", "c", "d", "e"], new DataField("label", typeof(string), true),
            new string?[] { "x", "y", "x", "y", "x" }, ["train", "train", "test", "train", "dev"], rowGroups: 2);

        var splits = await LoadAsync(Table(path) with { SplitColumn = "split" });

        Assert.Equal(["x", "y"], splits.LabelNames);
        Assert.Equal([new("a", 0), new("b", 1), new("d", 1)], splits.Train);
        Assert.Equal([new LabeledSentence("e", 0)], splits.Validation);
    }

    [Fact]
    public async Task Integer_labels_nullable_or_required_are_read_as_their_numbers()
    {
        var nullable = await WriteParquetAsync("long.parquet", ["a", "b", "c"], new DataField("label", typeof(long), true), new long?[] { 3, 1, 3 });
        var required = await WriteParquetAsync("int.parquet", ["d", "e"], new DataField("label", typeof(int), false), new[] { 1, 3 });

        var splits = await LoadAsync(Table(nullable) with { ValidationPath = required });

        Assert.Equal(["1", "3"], splits.LabelNames);
        Assert.Equal([new("a", 1), new("b", 0), new("c", 1)], splits.Train);
        Assert.Equal([new("d", 0), new LabeledSentence("e", 1)], splits.Validation);
    }

    [Fact]
    public async Task A_null_label_names_its_row_counted_across_row_groups()
    {
        var path = await WriteParquetAsync("t.parquet", ["a", "b", "c", "d"], new DataField("label", typeof(long), true), new long?[] { 0, 1, 0, null }, rowGroups: 2);

        Assert.Equal($"{path}, row 4, column 'label': the label is empty.", (await FailsAsync(Table(path))).Message);
    }

    [Fact]
    public async Task A_missing_column_lists_the_columns_and_a_column_of_another_type_is_named()
    {
        var path = await WriteParquetAsync("t.parquet", ["a", "b"], new DataField("label", typeof(long), true), new long?[] { 0, 1 });

        var missing = await FailsAsync(Table(path) with { Text = ["sentence"] });
        var wrongType = await FailsAsync(Table(path) with { Text = ["label"] });

        Assert.Equal($"{path}, column 'sentence': no such column; the columns are 'text', 'label'.", missing.Message);
        Assert.Equal($"{path}, column 'label': holds Int64, not text.", wrongType.Message);
    }
}
