namespace Mlops.Training;

/// <summary>
/// How a fit ended: completed, stopped early, or interrupted (state saved for resuming). <see cref="FirstStep"/> is the
/// step a resumed fit started from (0 for a new one), so <see cref="StepsRun"/> counts only the steps this fit ran.
/// </summary>
public sealed record FitResult(int Epochs, int GlobalStep, bool StoppedEarly, bool Interrupted, IReadOnlyDictionary<string, double> LastMetrics, TimeSpan Elapsed,
    int FirstStep = 0)
{
    public int StepsRun => GlobalStep - FirstStep;
}
