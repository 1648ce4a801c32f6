using Mlops.Training;
using Mlops.Metrics;
using Mlops.Tracking.Artifacts;

namespace Mlops.Workflows;

/// <summary>
/// One scoring of a model on a dataset's validation parts: the metrics of each part (and of their union), the union's
/// confusion matrix, and every sentence it got wrong, for the run's artifacts and the dashboard.
/// </summary>
public sealed record EvaluationReport(IReadOnlyDictionary<string, ClassificationMetrics> Metrics, IReadOnlyList<string> LabelNames,
    ConfusionMatrix Confusion, IReadOnlyList<MisclassifiedSentence> Misclassified);
