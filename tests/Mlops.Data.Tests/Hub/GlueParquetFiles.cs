using Parquet;
using Parquet.Schema;

namespace Mlops.Data.Tests.Hub;

/// <summary>Writes small parquet files with GLUE CoLA's schema (nullable columns, as Arrow writes them).</summary>
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

    public static async Task<byte[]> WriteAsync(IReadOnlyList<LabeledSentence> rows, bool withLabel = true, int rowGroups = 1)
    {
        var sentence = new DataField("sentence", typeof(string), true);
        var label = new DataField("label", typeof(long), true);
        var idx = new DataField("idx", typeof(int), true);
        var schema = withLabel ? new ParquetSchema(sentence, label, idx) : new ParquetSchema(sentence, idx);

        using var stream = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, stream))
        {
            var perGroup = (rows.Count + rowGroups - 1) / rowGroups;
            for (var start = 0; start < rows.Count; start += perGroup)
            {
                var group = rows.Skip(start).Take(perGroup).ToList();
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync(sentence, group.Select(r => r.Text).ToList(), null);
                if (withLabel)
                {
                    await rowGroup.WriteAsync<long>(label, group.Select(r => (long?)r.Label).ToArray().AsMemory(), null, null, default);
                }
                await rowGroup.WriteAsync<int>(idx, Enumerable.Range(start, group.Count).Select(i => (int?)i).ToArray().AsMemory(), null, null, default);
            }
        }
        return stream.ToArray();
    }
}
