using Mlops.Core;
using Mlops.Data;
using Mlops.Metrics;
using Mlops.Training.Inference;

namespace Mlops.Training.Runs;

/// <summary>
/// Evaluates a classifier on every validation part of a dataset (CoLA: in-domain, out-of-domain) and on
/// their union, so each is reported separately. Any engine will do: TorchSharp after training, ONNX Runtime for an export.
/// </summary>
public static class EvaluationRun
{
    public const string Union = "all";

    /// <summary>Evaluates a saved model folder's trained weights (TorchSharp).</summary>
    public static async Task<IReadOnlyDictionary<string, ClassificationMetrics>> ExecuteAsync(ModelDirectory directory, DatasetSplits splits,
        int batchSize, CancellationToken cancellationToken)
    {
        using var classifier = await TorchClassifierEngine.LoadAsync(directory, batchSize, cancellationToken: cancellationToken);
        return Execute(classifier, splits, cancellationToken);
    }

    public static IReadOnlyDictionary<string, ClassificationMetrics> Execute(ITextClassifier classifier, DatasetSplits splits, CancellationToken cancellationToken)
    {
        if (!splits.LabelNames.SequenceEqual(classifier.LabelNames))
            throw new DataException($"Dataset '{splits.Name}' has labels [{string.Join(", ", splits.LabelNames)}], the model [{string.Join(", ", classifier.LabelNames)}].",
                "Evaluate on a dataset with the labels the model was trained on.");
        var parts = splits.ValidationParts.ToList();
        if (parts.Count > 1) parts.Add(new(Union, splits.Validation));
        var results = new Dictionary<string, ClassificationMetrics>();
        foreach (var (name, sentences) in parts)
        {
            var predictions = classifier.Predict(sentences.Select(s => s.Text).ToList(), cancellationToken);
            var confusion = new ConfusionMatrix(classifier.LabelNames.Count);
            for (var i = 0; i < sentences.Count; i++) confusion.Add(sentences[i].Label, predictions[i].LabelIndex);
            results[name] = ClassificationMetrics.From(confusion);
        }
        return results;
    }
}
