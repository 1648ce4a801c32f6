using Mlops.Core;

namespace Mlops.Training.Runs;

/// <summary>The result of a training run: where the best model is, its metrics, and how the loop ended.</summary>
public sealed record TrainOutcome(ModelDirectory BestModel, IReadOnlyDictionary<string, double> BestMetrics, FitResult Fit, double SentencesPerSecond);
