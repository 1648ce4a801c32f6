namespace Mlops.Training;

/// <summary>
/// The learning-rate multiplier of the BERT fine-tuning recipe: linear warm-up from 0 to 1 over the
/// first warm-up steps, then linear decay to 0 at the last step.
/// </summary>
public sealed record LinearWarmupSchedule(int TotalSteps, int WarmupSteps)
{
    public static LinearWarmupSchedule For(int totalSteps, double warmupRatio) =>
        new(totalSteps, (int)Math.Round(totalSteps * warmupRatio));

    /// <summary>The multiplier for the optimizer step with this 0-based index.</summary>
    public double Factor(int step)
    {
        if (step < WarmupSteps) return (step + 1) / (double)WarmupSteps;
        var remaining = TotalSteps - step;
        return Math.Max(0.0, remaining / (double)Math.Max(1, TotalSteps - WarmupSteps));
    }
}
