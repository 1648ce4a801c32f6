using Mlops.Training;
using Mlops.Core;
using Mlops.Data;
using Mlops.Metrics;
using Mlops.Tracking.Artifacts;
using Mlops.Export;

namespace Mlops.Workflows;

/// <summary>
/// Evaluates a classifier on every validation part of a dataset (CoLA: in-domain, out-of-domain) and on
/// their union, so each is reported separately. Any engine will do: TorchSharp after training, ONNX Runtime for an export.
/// </summary>
public static class EvaluationWorkflow
{
    public const string Union = "all";

    /// <summary>Evaluates a saved model folder's trained weights (TorchSharp).</summary>
    public static async Task<EvaluationReport> ExecuteAsync(ModelDirectory directory, DatasetSplits splits,
        int batchSize, CancellationToken cancellationToken)
    {
        using var classifier = await TorchClassifierEngine.LoadAsync(directory, batchSize, cancellationToken: cancellationToken);
        return Execute(classifier, splits, cancellationToken);
    }

    public static EvaluationReport Execute(ITextClassifier classifier, DatasetSplits splits, CancellationToken cancellationToken)
    {
        if (!splits.LabelNames.SequenceEqual(classifier.LabelNames))
            throw new DataException($"Dataset '{splits.Name}' has labels [{string.Join(", ", splits.LabelNames)}], the model [{string.Join(", ", classifier.LabelNames)}].",
                "Evaluate on a dataset with the labels the model was trained on.");
        var labels = classifier.LabelNames;
        var results = new Dictionary<string, ClassificationMetrics>();
        var union = new ConfusionMatrix(labels.Count);
        var misclassified = new List<MisclassifiedSentence>();
        foreach (var (name, sentences) in splits.ValidationParts)
        {
            var predictions = classifier.Predict([.. sentences.Select(s => s.Input)], cancellationToken);
            var confusion = new ConfusionMatrix(labels.Count);
            for (var i = 0; i < sentences.Count; i++)
            {
                var (label, predicted) = (sentences[i].Label, predictions[i].LabelIndex);
                confusion.Add(label, predicted);
                union.Add(label, predicted);
                if (label != predicted)
                    misclassified.Add(new MisclassifiedSentence(sentences[i].Text, labels[label], labels[predicted], predictions[i].Confidence, name, sentences[i].Pair));
            }
            results[name] = ClassificationMetrics.From(confusion);
        }
        if (results.Count > 1) results[Union] = ClassificationMetrics.From(union);
        return new EvaluationReport(results, labels, union, misclassified);
    }
}
