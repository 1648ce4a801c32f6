using Mlops.Core;

namespace Mlops.Inference.Files;

/// <summary>What a file prediction did: rows predicted, labels counted, and the rows that could not be read (the first ones kept).</summary>
public sealed record BatchPredictionSummary(long Predicted, IReadOnlyDictionary<string, long> ByLabel, long Unreadable, IReadOnlyList<InputRow> FirstUnreadable);

/// <summary>
/// Classifies a file of any size in constant memory: rows stream in, are predicted a chunk at a time (long enough for
/// length-bucketed batches) and stream out: to a file, which appears whole, by an atomic rename, only at the end, or to
/// standard output as JSON lines. A model of sentence pairs reads each row's second text from a pair column
/// (<see cref="DefaultPairColumn"/> unless named), and its output carries both texts.
/// </summary>
public static class BatchPrediction
{
    public const int ChunkRows = 2048;
    private const int KeptUnreadable = 20;

    /// <summary>The column or field a pair model's second texts are read from unless another is named: the name transformers' pipelines use.</summary>
    public const string DefaultPairColumn = "text_pair";

    /// <summary>
    /// Predicts every row of <paramref name="input"/> into the file <paramref name="output"/> (.jsonl or .csv), which appears
    /// whole only at the end; <paramref name="pairColumn"/> names a pair model's second-text column (default <see cref="DefaultPairColumn"/>).
    /// </summary>
    public static async Task<BatchPredictionSummary> RunAsync(ITextClassifier classifier, string input, string output, string column,
        string? pairColumn = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        PredictionFileWriter.CheckExtension(output);
        var pairs = PairColumn(classifier, pairColumn);
        BatchPredictionSummary? summary = null;
        await AtomicFile.WriteAsync(output, async stream =>
        {
            await using var writer = PredictionFileWriter.Create(output, stream, classifier.LabelNames, pairs is not null);
            summary = await PredictAsync(classifier, input, writer, column, pairs, progress, cancellationToken);
        }, cancellationToken);
        return summary!;
    }

    /// <summary>Predicts every row of <paramref name="input"/> as JSON lines into <paramref name="output"/> (standard output), each chunk as soon as it is predicted.</summary>
    public static async Task<BatchPredictionSummary> RunAsync(ITextClassifier classifier, string input, TextWriter output, string column,
        string? pairColumn = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var pairs = PairColumn(classifier, pairColumn);
        await using var writer = PredictionFileWriter.JsonLines(output, classifier.LabelNames);
        return await PredictAsync(classifier, input, writer, column, pairs, progress, cancellationToken);
    }

    /// <summary>The column of second texts a pair model reads; null for a model of single texts, which is refused a pair column.</summary>
    private static string? PairColumn(ITextClassifier classifier, string? pairColumn) =>
        classifier.TakesPairs ? pairColumn ?? DefaultPairColumn
        : pairColumn is null ? null
        : throw new MlopsException($"The model classifies single texts; a pair column ('{pairColumn}', --pair-column) is for a model of sentence pairs.",
            "Leave out --pair-column, or use a model trained on sentence pairs (data.pair).", ExitCodes.UserError);

    private static async Task<BatchPredictionSummary> PredictAsync(ITextClassifier classifier, string input, PredictionFileWriter writer, string column,
        string? pairColumn, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var byLabel = classifier.LabelNames.ToDictionary(l => l, _ => 0L);
        var unreadable = new List<InputRow>();
        long predicted = 0, unreadableCount = 0;
        var chunk = new List<InputRow>(ChunkRows);
        async Task FlushAsync()
        {
            var predictions = classifier.Predict(chunk.Select(r => new TextInput(r.Text!, r.Pair)).ToList(), cancellationToken);
            for (var i = 0; i < chunk.Count; i++)
            {
                await writer.WriteAsync(chunk[i].Line, predictions[i]);
                byLabel[predictions[i].Label]++;
            }
            await writer.FlushAsync();
            predicted += chunk.Count;
            chunk.Clear();
        }
        await foreach (var row in SentenceFileReader.ReadAsync(input, column, pairColumn, progress, cancellationToken))
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
