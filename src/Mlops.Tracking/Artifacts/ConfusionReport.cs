using System.Text.Json.Serialization;

namespace Mlops.Tracking.Artifacts;

/// <summary>
/// A confusion matrix as a run stores it (<c>confusion_matrix.json</c>): label names, counts with rows the true label and
/// columns the prediction, and each class's support, precision, recall and F1 (absent in a file written before they were).
/// </summary>
public sealed record ConfusionReport(IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Matrix,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ClassScores>? Classes = null)
{
    /// <summary>
    /// The matrix with each row divided by its sum: cell [t][p] is the share of true label t predicted as p, so the
    /// diagonal is each class's recall and a rare class reads as clearly as a common one. A row with no samples stays 0.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>> RowNormalized() =>
        [.. Matrix.Select(row =>
        {
            var total = row.Sum();
            return (IReadOnlyList<double>)[.. row.Select(count => total > 0 ? (double)count / total : 0)];
        })];
}
