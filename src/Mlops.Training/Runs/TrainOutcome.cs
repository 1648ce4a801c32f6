using Mlops.Core;
using Mlops.Metrics;

namespace Mlops.Training.Runs;

/// <summary>
/// The result of a training run: where the best model is, its metrics on the data that selected it, its scores on
/// each validation part (measured once, after training), and how the loop ended.
/// </summary>
public sealed record TrainOutcome(ModelDirectory BestModel, IReadOnlyDictionary<string, double> BestMetrics,
    IReadOnlyDictionary<string, ClassificationMetrics> Evaluation, FitResult Fit, double SentencesPerSecond);
