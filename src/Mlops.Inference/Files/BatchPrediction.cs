using Mlops.Core;

namespace Mlops.Inference.Files;

/// <summary>What a file prediction did: rows predicted, labels counted, and the rows that could not be read (the first ones kept).</summary>
public sealed record BatchPredictionSummary(long Predicted, IReadOnlyDictionary<string, long> ByLabel, long Unreadable, IReadOnlyList<InputRow> FirstUnreadable);

/// <summary>
/// Classifies a file of any size in constant memory: rows stream in, are predicted a chunk at a time (long enough for
/// length-bucketed batches) and stream out to the output, which appears whole, by an atomic rename, only at the end.
/// </summary>
public static class BatchPrediction
{
    public const int ChunkRows = 2048;
    private const int KeptUnreadable = 20;

    public static async Task<BatchPredictionSummary> RunAsync(ITextClassifier classifier, string input, string output, string column,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        PredictionFileWriter.CheckExtension(output);
        var byLabel = classifier.LabelNames.ToDictionary(l => l, _ => 0L);
        var unreadable = new List<InputRow>();
        long predicted = 0, unreadableCount = 0;
        await AtomicFile.WriteAsync(output, async stream =>
        {
            await using var writer = PredictionFileWriter.Create(output, stream, classifier.LabelNames);
            var chunk = new List<InputRow>(ChunkRows);
            async Task FlushAsync()
            {
                var predictions = classifier.Predict(chunk.Select(r => r.Text!).ToList(), cancellationToken);
                for (var i = 0; i < chunk.Count; i++)
                {
                    await writer.WriteAsync(chunk[i].Line, predictions[i]);
                    byLabel[predictions[i].Label]++;
                }
                predicted += chunk.Count;
                chunk.Clear();
            }
            await foreach (var row in SentenceFileReader.ReadAsync(input, column, progress, cancellationToken))
            {
                if (row.Error is not null)
                {
                    unreadableCount++;
                    if (unreadable.Count < KeptUnreadable) unreadable.Add(row);
                    continue;
                }
                chunk.Add(row);
                if (chunk.Count == ChunkRows) await FlushAsync();
            }
            if (chunk.Count > 0) await FlushAsync();
        }, cancellationToken);
        return new BatchPredictionSummary(predicted, byLabel, unreadableCount, unreadable);
    }
}
