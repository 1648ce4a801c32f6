using Microsoft.Extensions.Logging;
using Mlops.Reports;
using Mlops.Tracking.Artifacts;
using Mlops.Workflows;

namespace Mlops.Cli;

/// <summary>
/// Writes a model's report into a folder (the run folder when training ends, or <c>mlops evaluate --report</c>'s): the
/// confusion matrix with per-class scores (JSON) and as counts and as recall per class (PNG), the misclassified validation
/// sentences it was surest of, and the learning curves (PNG). A chart that cannot be drawn costs a warning, never the run.
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
                var confusion = evaluation.ToConfusionReport();
                await RunArtifacts.WriteConfusionAsync(folder, confusion, cancellationToken);
                await RunArtifacts.WriteMisclassifiedAsync(folder, evaluation.MostConfidentMistakes(), cancellationToken);
                RunCharts.SaveConfusion(confusion, Path.Combine(folder, RunArtifacts.ConfusionPng));
                RunCharts.SaveConfusion(confusion, Path.Combine(folder, RunArtifacts.ConfusionNormalizedPng), normalized: true);
            }
            if (curves.Count > 0) RunCharts.SaveLearningCurves(curves, Path.Combine(folder, RunArtifacts.LearningCurvesPng));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The report files could not all be written to {Folder}: {Message}", folder, e.Message);
        }
    }
}
