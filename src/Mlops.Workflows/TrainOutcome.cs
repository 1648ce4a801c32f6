using Mlops.Training;
using Mlops.Core;
using Mlops.Metrics;

namespace Mlops.Workflows;

/// <summary>
/// The result of a training run: where the best model is, its metrics on the data that selected it, its scoring on
/// the validation parts (measured once, after training; none when interrupted), and how the loop ended.
/// </summary>
public sealed record TrainOutcome(ModelDirectory BestModel, IReadOnlyDictionary<string, double> BestMetrics,
    EvaluationReport? Evaluation, FitResult Fit, double SentencesPerSecond);
