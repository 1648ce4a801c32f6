namespace Mlops.Training;

/// <summary>How a fit ended: completed, stopped early, or interrupted (state saved for resuming).</summary>
public sealed record FitResult(int Epochs, int GlobalStep, bool StoppedEarly, bool Interrupted, IReadOnlyDictionary<string, double> LastMetrics, TimeSpan Elapsed);
