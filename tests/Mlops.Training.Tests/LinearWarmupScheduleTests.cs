namespace Mlops.Training.Tests;

public class LinearWarmupScheduleTests
{
    [Fact]
    public void Warms_up_linearly_then_decays_to_zero()
    {
        var schedule = LinearWarmupSchedule.For(totalSteps: 100, warmupRatio: 0.1);
        Assert.Equal(10, schedule.WarmupSteps);
        Assert.Equal(0.1, schedule.Factor(0), 12);
        Assert.Equal(1.0, schedule.Factor(9), 12);
        Assert.Equal(1.0, schedule.Factor(10), 12);
        Assert.Equal(0.5, schedule.Factor(55), 12);
        Assert.Equal(1.0 / 90, schedule.Factor(99), 12);
        Assert.Equal(0.0, schedule.Factor(100), 12);
    }

    [Fact]
    public void Without_warmup_starts_at_full_rate() => Assert.Equal(1.0, LinearWarmupSchedule.For(10, 0).Factor(0), 12);
}
