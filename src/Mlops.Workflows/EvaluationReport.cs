using Mlops.Training;
using Mlops.Metrics;
using Mlops.Tracking.Artifacts;

namespace Mlops.Workflows;

/// <summary>
/// One scoring of a model on a dataset's validation parts: the metrics of each part (and of their union), the union's
/// confusion matrix, and every sentence it got wrong, for the run's artifacts and the dashboard.
/// </summary>
public sealed record EvaluationReport(IReadOnlyDictionary<string, ClassificationMetrics> Metrics, IReadOnlyList<string> LabelNames,
    ConfusionMatrix Confusion, IReadOnlyList<MisclassifiedSentence> Misclassified)
{
    /// <summary>How many misclassified sentences a report keeps (<see cref="MostConfidentMistakes"/>): enough to read, not the whole split.</summary>
    public const int MistakesKept = 200;

    /// <summary>Every class's support, precision, recall and F1 over all validation parts, by label name.</summary>
    public IReadOnlyList<ClassScores> PerClass()
    {
        var metrics = Confusion.Compute();
        return [.. LabelNames.Select((label, c) =>
            new ClassScores(label, metrics.SupportPerClass[c], metrics.PrecisionPerClass[c], metrics.RecallPerClass[c], metrics.F1PerClass[c]))];
    }

    /// <summary>The union's confusion matrix as a run stores it, with <see cref="PerClass"/>.</summary>
    public ConfusionReport ToConfusionReport()
    {
        var classes = Enumerable.Range(0, LabelNames.Count).ToList();
        return new ConfusionReport(LabelNames,
            [.. classes.Select(actual => (IReadOnlyList<int>)[.. classes.Select(predicted => Confusion.Count(actual, predicted))])], PerClass());
    }

    /// <summary>The mistakes the model was surest of first (the ones most worth reading: label noise, or a real blind spot), at most <see cref="MistakesKept"/>.</summary>
    public IEnumerable<MisclassifiedSentence> MostConfidentMistakes() =>
        Misclassified.OrderByDescending(m => m.Confidence).Take(MistakesKept);
}
