using Mlops.Core;

namespace Mlops.Inference.Files;

/// <summary>What a file prediction did: rows predicted, labels counted, and the rows that could not be read (the first ones kept).</summary>
public sealed record BatchPredictionSummary(long Predicted, IReadOnlyDictionary<string, long> ByLabel, long Unreadable, IReadOnlyList<InputRow> FirstUnreadable);

/// <summary>
/// Classifies a file of any size in constant memory: rows stream in, are predicted a chunk at a time (long enough for
/// length-bucketed batches) and stream out: to a file, which appears whole, by an atomic rename, only at the end, or to
/// standard output as JSON lines. The text comes from the named columns (several joined as training joined them); a model
/// of sentence pairs reads each row's second text from a pair column (<see cref="DefaultPairColumn"/> unless named), and
/// its output carries both texts.
/// </summary>
public static class BatchPrediction
{
    public const int ChunkRows = 2048;
    private const int KeptUnreadable = 20;

    /// <summary>The column or field a pair model's second texts are read from unless another is named: the name transformers' pipelines use.</summary>
    public const string DefaultPairColumn = "text_pair";

    /// <summary>
    /// Predicts every row of <paramref name="input"/> into the file <paramref name="output"/> (.jsonl or .csv), which appears
    /// whole only at the end; <paramref name="columns"/> names the text columns and a pair model's second-text column (default <see cref="DefaultPairColumn"/>).
    /// </summary>
    public static async Task<BatchPredictionSummary> RunAsync(ITextClassifier classifier, string input, string output, InputColumns columns,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        PredictionFileWriter.CheckExtension(output);
        var read = Fitted(classifier, columns);
        BatchPredictionSummary? summary = null;
        await AtomicFile.WriteAsync(output, async stream =>
        {
            await using var writer = PredictionFileWriter.Create(output, stream, classifier.LabelNames, read.Pair is not null);
            summary = await PredictAsync(classifier, input, writer, read, progress, cancellationToken);
        }, cancellationToken);
        return summary!;
    }

    /// <summary>Predicts every row of <paramref name="input"/> as JSON lines into <paramref name="output"/> (standard output), each chunk as soon as it is predicted.</summary>
    public static async Task<BatchPredictionSummary> RunAsync(ITextClassifier classifier, string input, TextWriter output, InputColumns columns,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var read = Fitted(classifier, columns);
        await using var writer = PredictionFileWriter.JsonLines(output, classifier.LabelNames);
        return await PredictAsync(classifier, input, writer, read, progress, cancellationToken);
    }

    /// <summary>The columns as the model reads them: a pair model's second texts from <see cref="DefaultPairColumn"/> unless named; a model of single texts is refused a pair column.</summary>
    private static InputColumns Fitted(ITextClassifier classifier, InputColumns columns) =>
        classifier.TakesPairs ? columns with { Pair = columns.Pair ?? DefaultPairColumn }
        : columns.Pair is null ? columns
        : throw new MlopsException($"The model classifies single texts; a pair column ('{columns.Pair}', --pair-column) is for a model of sentence pairs.",
            "Leave out --pair-column, or use a model trained on sentence pairs (data.pair).", ExitCodes.UserError);

    private static async Task<BatchPredictionSummary> PredictAsync(ITextClassifier classifier, string input, PredictionFileWriter writer, InputColumns columns,
        IProgress<long>? progress, CancellationToken cancellationToken)
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
        await foreach (var row in SentenceFileReader.ReadAsync(input, columns, progress, cancellationToken))
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
