using Parquet;
using Parquet.Schema;

namespace Mlops.Data.Hub;

/// <summary>
/// Reads a GLUE parquet file as published on the Hugging Face hub (columns <c>sentence</c> string,
/// <c>label</c> int64, <c>idx</c> int32) into <see cref="LabeledSentence"/>s, so the hub's copy of CoLA
/// feeds the same pipeline as the TSV files. A file with other columns fails with the columns it has.
/// </summary>
public static class GlueParquetReader
{
    public const string SentenceColumn = "sentence";
    public const string LabelColumn = "label";

    /// <summary>Reads every row group of <paramref name="path"/>; labels are returned as stored (GLUE's test split has -1).</summary>
    public static async Task<List<LabeledSentence>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new DataException($"The parquet file '{path}' does not exist.", "Download it again, or check the path.");
        }

        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DataException($"'{path}' is not a readable parquet file: {e.Message}", "Delete it so that it is downloaded again.", e);
        }

        await using (reader)
        {
            var columns = reader.Schema.Fields.OfType<DataField>().ToList();
            var sentence = columns.FirstOrDefault(f => f.Name == SentenceColumn);
            var label = columns.FirstOrDefault(f => f.Name == LabelColumn);
            if (sentence is null || label is null)
            {
                var missing = new[] { (SentenceColumn, sentence), (LabelColumn, label) }
                    .Where(c => c.Item2 is null).Select(c => $"'{c.Item1}'");
                var found = reader.Schema.Fields.Select(f => $"'{f.Name}'");
                throw new DataException(
                    $"'{path}' lacks the column(s) {string.Join(", ", missing)}; the columns found are {string.Join(", ", found)}.",
                    "A GLUE CoLA parquet file has the columns 'sentence' (string), 'label' (int64) and 'idx' (int32).");
            }
            if (sentence.ClrType != typeof(string) && sentence.ClrType != typeof(ReadOnlyMemory<char>))
            {
                throw new DataException($"The column 'sentence' of '{path}' holds {sentence.ClrType.Name}, not text.",
                    "A GLUE CoLA parquet file has the columns 'sentence' (string), 'label' (int64) and 'idx' (int32).");
            }
            if (label.ClrType != typeof(long) && label.ClrType != typeof(int))
            {
                throw new DataException($"The column 'label' of '{path}' holds {label.ClrType.Name}, not integers.",
                    "A GLUE CoLA parquet file has the columns 'sentence' (string), 'label' (int64) and 'idx' (int32).");
            }

            try
            {
                return await ReadRowsAsync(reader, path, sentence, label, cancellationToken);
            }
            catch (Exception e) when (e is not (DataException or OperationCanceledException))
            {
                throw new DataException($"Reading '{path}' failed: {e.Message}", "The file is damaged: delete it so that it is downloaded again.", e);
            }
        }
    }

    private static async Task<List<LabeledSentence>> ReadRowsAsync(
        ParquetReader reader, string path, DataField sentence, DataField label, CancellationToken cancellationToken)
    {
        var rows = new List<LabeledSentence>();
        long rowBase = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            var texts = new string?[count];
            await group.ReadAsync(sentence, texts.AsMemory(), null, cancellationToken);
            var labels = await ReadLabelsAsync(group, label, count, cancellationToken);
            for (var i = 0; i < count; i++)
            {
                if (texts[i] is not { } text || labels[i] is not { } value)
                {
                    throw new DataException(
                        $"Row {rowBase + i} of '{path}' has no {(texts[i] is null ? "sentence" : "label")}.",
                        "Every row of a GLUE CoLA parquet file needs a sentence and a label.");
                }
                rows.Add(new LabeledSentence(text, checked((int)value)));
            }
            rowBase += count;
        }
        return rows;
    }

    private static async Task<long?[]> ReadLabelsAsync(ParquetRowGroupReader group, DataField label, int count, CancellationToken cancellationToken)
    {
        if (label.ClrType == typeof(long))
        {
            var longs = new long?[count];
            await group.ReadAsync<long>(label, longs.AsMemory(), null, cancellationToken);
            return longs;
        }
        var ints = new int?[count];
        await group.ReadAsync<int>(label, ints.AsMemory(), null, cancellationToken);
        return Array.ConvertAll(ints, v => (long?)v);
    }
}
