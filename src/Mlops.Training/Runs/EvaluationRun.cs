using Mlops.Core;
using Mlops.Data;
using Mlops.Data.Batching;
using Mlops.Data.Tokenization;
using Mlops.Metrics;
using Mlops.Model;

namespace Mlops.Training.Runs;

/// <summary>
/// Evaluates a saved model on every validation part of a dataset (CoLA: in-domain, out-of-domain) and on
/// their union, so each is reported separately.
/// </summary>
public static class EvaluationRun
{
    public const string Union = "all";

    public static async Task<IReadOnlyDictionary<string, ClassificationMetrics>> ExecuteAsync(ModelDirectory directory, IDatasetSource dataset,
        int batchSize, CancellationToken cancellationToken) =>
        await ExecuteAsync(directory, await dataset.LoadAsync(cancellationToken), batchSize, cancellationToken);

    public static async Task<IReadOnlyDictionary<string, ClassificationMetrics>> ExecuteAsync(ModelDirectory directory, DatasetSplits splits,
        int batchSize, CancellationToken cancellationToken)
    {
        var (model, card) = await ClassifierStore.LoadAsync(directory, cancellationToken);
        using var _ = model;
        if (!splits.LabelNames.SequenceEqual(card.Labels))
            throw new DataException($"Dataset '{splits.Name}' has labels [{string.Join(", ", splits.LabelNames)}], the model [{string.Join(", ", card.Labels)}].",
                "Evaluate on a dataset with the labels the model was trained on.");
        var tokenizer = WordPieceTokenizer.FromVocabFile(directory.VocabPath, card.LowerCase);
        var task = new ClassifierTask(model);
        var parts = splits.ValidationParts.ToList();
        if (parts.Count > 1) parts.Add(new(Union, splits.Validation));
        var results = new Dictionary<string, ClassificationMetrics>();
        foreach (var (name, sentences) in parts)
        {
            var batcher = Batcher.Tokenize(sentences, tokenizer, card.MaxLength, BatchingOptions.Inference(batchSize));
            var (confusion, _) = Evaluator.Evaluate(task, batcher.Epoch(0), cancellationToken: cancellationToken);
            results[name] = ClassificationMetrics.From(confusion);
        }
        return results;
    }
}
