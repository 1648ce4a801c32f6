namespace Mlops.Training;

/// <summary>
/// The learning-rate multiplier of the BERT fine-tuning recipe: linear warm-up to 1 over the first W warm-up steps,
/// then linear decay to 0 at the last step T. The optimizer step with 0-based index s gets (s + 1) / W while s &lt; W
/// (1/W at step 0, 1 at step W - 1), then (T - s) / (T - W) (1 at step W, 1/(T - W) at step T - 1).
/// Against transformers' <c>get_linear_schedule_with_warmup</c>, whose <c>lr_lambda(s)</c> is <c>s / max(1, W)</c>
/// during warm-up and <c>max(0, (T - s) / max(1, T - W))</c> after it: the decay is the same, the warm-up is one step
/// ahead (it gives step 0 a factor of 0, so its first optimizer step does not move the weights, and reaches 1 at step
/// W), and <see cref="For"/> rounds W to the nearest step where its <c>TrainingArguments</c> round it up.
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
