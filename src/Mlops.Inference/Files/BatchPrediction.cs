using Mlops.Core;

namespace Mlops.Inference.Files;

/// <summary>What a file prediction did: rows predicted, labels counted, and the rows that could not be read (the first ones kept).</summary>
public sealed record BatchPredictionSummary(long Predicted, IReadOnlyDictionary<string, long> ByLabel, long Unreadable, IReadOnlyList<InputRow> FirstUnreadable);

/// <summary>
/// Classifies a file of any size in constant memory: rows stream in, are predicted a chunk at a time (long enough for
/// length-bucketed batches) and stream out: to a file, which appears whole, by an atomic rename, only at the end, or to
/// standard output as JSON lines.
/// </summary>
public static class BatchPrediction
{
    public const int ChunkRows = 2048;
    private const int KeptUnreadable = 20;

    /// <summary>Predicts every row of <paramref name="input"/> into the file <paramref name="output"/> (.jsonl or .csv), which appears whole only at the end.</summary>
    public static async Task<BatchPredictionSummary> RunAsync(ITextClassifier classifier, string input, string output, string column,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        PredictionFileWriter.CheckExtension(output);
        BatchPredictionSummary? summary = null;
        await AtomicFile.WriteAsync(output, async stream =>
        {
            await using var writer = PredictionFileWriter.Create(output, stream, classifier.LabelNames);
            summary = await PredictAsync(classifier, input, writer, column, progress, cancellationToken);
        }, cancellationToken);
        return summary!;
    }

    /// <summary>Predicts every row of <paramref name="input"/> as JSON lines into <paramref name="output"/> (standard output), each chunk as soon as it is predicted.</summary>
    public static async Task<BatchPredictionSummary> RunAsync(ITextClassifier classifier, string input, TextWriter output, string column,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var writer = PredictionFileWriter.JsonLines(output, classifier.LabelNames);
        return await PredictAsync(classifier, input, writer, column, progress, cancellationToken);
    }

    private static async Task<BatchPredictionSummary> PredictAsync(ITextClassifier classifier, string input, PredictionFileWriter writer, string column,
        IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var byLabel = classifier.LabelNames.ToDictionary(l => l, _ => 0L);
        var unreadable = new List<InputRow>();
        long predicted = 0, unreadableCount = 0;
        var chunk = new List<InputRow>(ChunkRows);
        async Task FlushAsync()
        {
            var predictions = classifier.Predict(chunk.Select(r => r.Text!).ToList(), cancellationToken);
            for (var i = 0; i < chunk.Count; i++)
            {
                await writer.WriteAsync(chunk[i].Line, predictions[i]);
                byLabel[predictions[i].Label]++;
            }
            await writer.FlushAsync();
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
        return new BatchPredictionSummary(predicted, byLabel, unreadableCount, unreadable);
    }
}
