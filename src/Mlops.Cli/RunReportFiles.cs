using Microsoft.Extensions.Logging;
using Mlops.Reports;
using Mlops.Tracking.Artifacts;
using Mlops.Workflows;
using Mlops.Training;

namespace Mlops.Cli;

/// <summary>
/// Writes a tracked run's report into its folder when training ends: the confusion matrix (JSON and PNG) and the
/// misclassified validation sentences of the best model, and the learning curves (PNG). A chart that cannot be drawn
/// costs a warning, never the run.
/// </summary>
public static class RunReportFiles
{
    public static async Task WriteAsync(string folder, EvaluationReport? evaluation, IReadOnlyDictionary<string, IReadOnlyList<(long Step, double Value)>> curves,
        ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            if (evaluation is not null)
            {
                var confusion = new ConfusionReport(evaluation.LabelNames, [.. Enumerable.Range(0, evaluation.LabelNames.Count)
                    .Select(actual => (IReadOnlyList<int>)[.. Enumerable.Range(0, evaluation.LabelNames.Count).Select(predicted => evaluation.Confusion.Count(actual, predicted))])]);
                await RunArtifacts.WriteConfusionAsync(folder, confusion, cancellationToken);
                await RunArtifacts.WriteMisclassifiedAsync(folder, evaluation.Misclassified.OrderByDescending(m => m.Confidence), cancellationToken);
                RunCharts.SaveConfusion(confusion, Path.Combine(folder, RunArtifacts.ConfusionPng));
            }
            if (curves.Count > 0) RunCharts.SaveLearningCurves(curves, Path.Combine(folder, RunArtifacts.LearningCurvesPng));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The run's report files could not all be written to {Folder}: {Message}", folder, e.Message);
        }
    }
}
