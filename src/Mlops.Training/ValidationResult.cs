using Mlops.Metrics;

namespace Mlops.Training;

/// <summary>One evaluation: the metrics by name (e.g. <c>val_mcc</c>, <c>val_loss</c>) and the confusion matrix behind them.</summary>
public sealed record ValidationResult(int Epoch, int GlobalStep, IReadOnlyDictionary<string, double> Metrics, ConfusionMatrix Confusion);
