namespace Mlops.Training.Tests;

public class LinearWarmupScheduleTests
{
    /// <summary>transformers' <c>get_linear_schedule_with_warmup</c> factor (its <c>lr_lambda</c>, optimization.py), the reference.</summary>
    private static double Transformers(int step, int warmupSteps, int totalSteps) =>
        step < warmupSteps
            ? step / (double)Math.Max(1, warmupSteps)
            : Math.Max(0.0, (totalSteps - step) / (double)Math.Max(1, totalSteps - warmupSteps));

    [Fact]
    public void Warms_up_from_one_warm_up_step_s_share_to_1_then_decays_to_0()
    {
        var schedule = LinearWarmupSchedule.For(totalSteps: 100, warmupRatio: 0.1);
        Assert.Equal(10, schedule.WarmupSteps);
        Assert.Equal(1.0 / 10, schedule.Factor(0), 12);
        Assert.Equal(1.0, schedule.Factor(9), 12);
        Assert.Equal(1.0, schedule.Factor(10), 12);
        Assert.Equal(45.0 / 90, schedule.Factor(55), 12);
        Assert.Equal(1.0 / 90, schedule.Factor(99), 12);
        Assert.Equal(0.0, schedule.Factor(100), 12);
    }

    [Theory]
    [InlineData(100, 0.1)]
    [InlineData(37, 0.06)]
    [InlineData(8, 0.5)]
    [InlineData(10, 0.0)]
    public void Is_transformers_schedule_with_the_warm_up_one_step_ahead(int totalSteps, double warmupRatio)
    {
        var schedule = LinearWarmupSchedule.For(totalSteps, warmupRatio);
        var warmup = schedule.WarmupSteps;
        for (var step = 0; step <= totalSteps; step++)
            Assert.Equal(Transformers(step < warmup ? step + 1 : step, warmup, totalSteps), schedule.Factor(step), 12);
    }

    [Fact]
    public void Without_warmup_starts_at_full_rate() => Assert.Equal(1.0, LinearWarmupSchedule.For(10, 0).Factor(0), 12);
}
