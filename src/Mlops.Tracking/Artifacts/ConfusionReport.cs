namespace Mlops.Tracking.Artifacts;

/// <summary>A confusion matrix as a run stores it (<c>confusion_matrix.json</c>): label names, and counts with rows the true label and columns the prediction.</summary>
public sealed record ConfusionReport(IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Matrix);
