using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Mlops.Data.Tables;

/// <summary>
/// Reads a Parquet table (Parquet.Net) into <see cref="TableRows"/>, a row group at a time: text, pair and split columns of
/// strings, a label column of strings or integers (their numbers, or the class names a hub dataset gives its class indices:
/// <see cref="TableColumns.IntegerLabel"/>). A missing column, a column of another type and a null text or label are
/// errors naming the file, the 1-based row and the column.
/// </summary>
internal static class ParquetTableReader
{
    /// <summary>Reads every row of <paramref name="file"/>; without a split column they all go to <paramref name="split"/>.</summary>
    public static async Task ReadAsync(TableFile file, TableSplit split, TableColumns columns, TableRows rows, CancellationToken cancellationToken)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(file.Path, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DataException($"{file.DisplayName} is not a readable Parquet file: {e.Message}", "Write it again, or set data.format to the format it is in.", e);
        }
        await using (reader)
        {
            var fields = reader.Schema.Fields;
            var indices = columns.Locate([.. fields.Select(f => f.Name)], file.DisplayName);
            DataField Column(int index, bool integers)
            {
                var field = fields[index];
                if (field is DataField { IsArray: false } data && (IsText(data.ClrType) || integers && IsInteger(data.ClrType))) return data;
                throw new DataException($"{file.DisplayName}, column '{field.Name}': holds {(field is DataField d ? d.ClrType.Name : field.SchemaType.ToString())}, not {(integers ? "text or integers" : "text")}.",
                    "Name a column of strings (or, for the label, integers).");
            }
            var text = indices.Text.Select(i => Column(i, integers: false)).ToList();
            var pair = indices.Pair >= 0 ? Column(indices.Pair, integers: false) : null;
            var label = Column(indices.Label, integers: true);
            var splitColumn = indices.Split >= 0 ? Column(indices.Split, integers: false) : null;

            var group = new RowGroup(file.DisplayName, columns, rows, split);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var groupReader = reader.OpenRowGroupReader(g);
                var count = checked((int)groupReader.RowCount);
                var texts = new List<string?[]>();
                foreach (var column in text) texts.Add(await StringsAsync(groupReader, column, count, cancellationToken));
                var pairs = pair is null ? null : await StringsAsync(groupReader, pair, count, cancellationToken);
                var labels = IsText(label.ClrType)
                    ? new GroupLabels(await StringsAsync(groupReader, label, count, cancellationToken), null)
                    : new GroupLabels(null, await IntegersAsync(groupReader, label, count, cancellationToken));
                var splits = splitColumn is null ? null : await StringsAsync(groupReader, splitColumn, count, cancellationToken);
                group.Add(texts, pairs, labels, splits, count);
            }
        }
    }

    /// <summary>Parquet.Net gives a string column as string or, for files written by some tools, as ReadOnlyMemory of char; both read as strings.</summary>
    private static bool IsText(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    private static bool IsInteger(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(sbyte);

    private static async Task<string?[]> StringsAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        var values = new string?[count];
        await group.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        return values;
    }

    private static async Task<long?[]> IntegersAsync(ParquetRowGroupReader group, DataField field, int count, CancellationToken cancellationToken)
    {
        async Task<long?[]> Read<T>() where T : struct, IConvertible
        {
            var values = new T?[count];
            await group.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
            return Array.ConvertAll(values, v => v is { } x ? x.ToInt64(CultureInfo.InvariantCulture) : (long?)null);
        }
        return field.ClrType switch
        {
            _ when field.ClrType == typeof(long) => await Read<long>(),
            _ when field.ClrType == typeof(int) => await Read<int>(),
            _ when field.ClrType == typeof(short) => await Read<short>(),
            _ when field.ClrType == typeof(byte) => await Read<byte>(),
            _ => await Read<sbyte>(),
        };
    }

    /// <summary>One row group's labels: a column of strings, or of integers (read as <see cref="TableColumns.IntegerLabel"/> says).</summary>
    private sealed record GroupLabels(string?[]? Strings, long?[]? Integers);

    /// <summary>Adds the rows of one row group, numbering them across the file.</summary>
    private sealed class RowGroup(string path, TableColumns columns, TableRows rows, TableSplit fileSplit)
    {
        private readonly RowText _text = new();
        private long _rowsBefore;

        public void Add(List<string?[]> texts, string?[]? pairs, GroupLabels labels, string?[]? splits, int count)
        {
            for (var r = 0; r < count; r++)
            {
                var position = new TablePosition(path, _rowsBefore + r + 1, IsLine: false);
                var split = fileSplit;
                if (splits is not null && !rows.TryRoute(splits[r], position, out split)) continue;
                _text.Clear();
                foreach (var column in texts) _text.AppendPart(column[r], columns.TextSeparator);
                var label = labels.Strings is { } strings ? strings[r] : columns.IntegerLabel(labels.Integers![r], position);
                rows.Add(split, _text.Span, pairs?[r], label, position);
            }
            _rowsBefore += count;
        }
    }
}
