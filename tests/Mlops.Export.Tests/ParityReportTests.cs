namespace Mlops.Export.Tests;

public sealed class ParityReportTests
{
    private static ParityReport Report(double difference, int agreeing, double tolerance, double agreement) =>
        new([new ParityCase("batch 32", 32, 100, difference, agreeing)], tolerance, agreement);

    [Fact]
    public void Float32_needs_every_label_and_every_logit_within_the_tolerance()
    {
        Assert.True(Report(9e-5, 100, ParityGate.Float32Tolerance, 1.0).Passed);
        Assert.False(Report(2e-4, 100, ParityGate.Float32Tolerance, 1.0).Passed);
        Assert.False(Report(1e-6, 99, ParityGate.Float32Tolerance, 1.0).Passed);
    }

    [Fact]
    public void Int8_needs_ninety_nine_percent_of_the_labels_whatever_the_logits()
    {
        Assert.True(Report(0.3, 99, double.PositiveInfinity, ParityGate.Int8Agreement).Passed);
        Assert.False(Report(0.01, 98, double.PositiveInfinity, ParityGate.Int8Agreement).Passed);
    }
}
