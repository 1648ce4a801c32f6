using Parquet;
using Parquet.Schema;

namespace Mlops.Data.Tests.Hub;

/// <summary>
/// Writes small parquet files with GLUE's schema (nullable columns, as Arrow writes them): a text column (CoLA's
/// <c>sentence</c>), or two for a sentence-pair task (MRPC's <c>sentence1</c> and <c>sentence2</c>), then <c>label</c>
/// (int64 class indices) and <c>idx</c> (int32).
/// </summary>
internal static class GlueParquetFiles
{
    public static readonly LabeledSentence[] Train =
    [
        new("The sailors rode the breeze clear of the rocks.", 1),
        new("The weights made the rope stretch over the pulley.", 1),
        new("The more you eat, the more you want.", 1),
        new("They drank the pub.", 0),
        new("Fred watered the plants flat.", 1),
        new("The professor talked us.", 0),
    ];

    public static readonly LabeledSentence[] Validation =
    [
        new("The sailors rode the breeze clear of the rocks.", 1),
        new("Mary revealed himself to John.", 0),
        new("Déjà vu: the café served crêpes.", 1),
    ];

    /// <summary>Paraphrase pairs as MRPC has them: 1 when the second sentence says what the first does.</summary>
    public static readonly LabeledSentence[] PairTrain =
    [
        new("The company posted a profit.", 0, "Shares fell sharply on Monday."),
        new("He said the vote was close.", 1, "The vote was close, he said."),
        new("Rain is expected tomorrow.", 1, "Tomorrow it is expected to rain."),
        new("The bridge opened in 1932.", 0, "The tunnel closed for repairs."),
        new("She won the race easily.", 1, "She easily won the race."),
    ];

    public static readonly LabeledSentence[] PairValidation =
    [
        new("The court ruled on Friday.", 1, "On Friday the court ruled."),
        new("Prices rose in May.", 0, "The museum reopened in June."),
    ];

    public static async Task<byte[]> WriteAsync(
        IReadOnlyList<LabeledSentence> rows, int rowGroups = 1, string textColumn = "sentence", string? pairColumn = null)
    {
        var sentence = new DataField(textColumn, typeof(string), true);
        var pair = pairColumn is null ? null : new DataField(pairColumn, typeof(string), true);
        var label = new DataField("label", typeof(long), true);
        var idx = new DataField("idx", typeof(int), true);
        var schema = new ParquetSchema(new[] { sentence, pair, label, idx }.OfType<DataField>().ToArray());

        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            var perGroup = (rows.Count + rowGroups - 1) / rowGroups;
            for (var start = 0; start < rows.Count; start += perGroup)
            {
                var group = rows.Skip(start).Take(perGroup).ToList();
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync(sentence, group.Select(r => r.Text).ToList(), null);
                if (pair is not null) await rowGroup.WriteAsync(pair, group.Select(r => r.Pair).ToList(), null);
                await rowGroup.WriteAsync<long>(label, group.Select(r => (long?)r.Label).ToArray().AsMemory(), null, null, default);
                await rowGroup.WriteAsync<int>(idx, Enumerable.Range(start, group.Count).Select(i => (int?)i).ToArray().AsMemory(), null, null, default);
            }
        }
        return stream.ToArray();
    }
}
