using Mlops.Monitoring.Drift;

namespace Mlops.Monitoring.Tests;

public sealed class DriftAnalysisTests
{
    private static readonly string[] Labels = ["unacceptable", "acceptable"];

    /// <summary>Predictions like a well-behaved model's: 70 % acceptable, confident, 6-14 tokens, few unknown ones.</summary>
    private static PredictionObservation[] Traffic(int count, int seed, double confidenceShift = 0, double acceptableShare = 0.7,
        int extraTokens = 0, double unknownShare = 0.01)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var tokens = random.Next(6, 15) + extraTokens;
            return new PredictionObservation(random.NextDouble() < acceptableShare ? 1 : 0,
                Math.Clamp(0.6 + 0.38 * random.NextDouble() - confidenceShift, 0.5, 1.0), tokens,
                Enumerable.Range(0, tokens).Count(_ => random.NextDouble() < unknownShare));
        })];
    }

    private static readonly ReferenceProfile Reference = ReferenceProfile.From(Labels, Traffic(1000, seed: 1), "generated");

    [Fact]
    public void Traffic_like_the_reference_does_not_drift()
    {
        var report = DriftAnalysis.Compare(Reference, Traffic(500, seed: 2), new DriftThresholds());
        Assert.Equal(DriftState.NoDrift, report.State);
        Assert.Empty(report.Drifted);
        Assert.Equal(500, report.Events);
    }

    [Fact]
    public void Each_kind_of_shift_drifts_its_own_signal()
    {
        var thresholds = new DriftThresholds();
        Assert.Equal(["confidence", "confidence_psi"],
            DriftAnalysis.Compare(Reference, Traffic(500, 3, confidenceShift: 0.2), thresholds).Drifted.Select(s => s.Name));
        Assert.Equal(["label_mix"], DriftAnalysis.Compare(Reference, Traffic(500, 4, acceptableShare: 0.3), thresholds).Drifted.Select(s => s.Name));
        Assert.Equal(["token_length", "token_length_psi"],
            DriftAnalysis.Compare(Reference, Traffic(500, 5, extraTokens: 8), thresholds).Drifted.Select(s => s.Name));
        Assert.Equal(["unknown_token_rate"], DriftAnalysis.Compare(Reference, Traffic(500, 6, unknownShare: 0.1), thresholds).Drifted.Select(s => s.Name));
    }

    [Fact]
    public void Too_few_events_is_insufficient_data_not_no_drift_even_when_they_look_shifted()
    {
        var report = DriftAnalysis.Compare(Reference, Traffic(150, 7, confidenceShift: 0.3), new DriftThresholds { MinEvents = 200 });
        Assert.Equal(DriftState.InsufficientData, report.State);
        Assert.Empty(report.Drifted);
        Assert.Contains(report.Signals, s => s.Name == "confidence" && s.Effect > 0.15);
    }

    [Fact]
    public void A_tiny_difference_in_a_huge_window_is_significant_but_too_small_to_alarm()
    {
        var huge = ReferenceProfile.From(Labels, Traffic(20_000, 8), "generated");
        var report = DriftAnalysis.Compare(huge, Traffic(20_000, 9, acceptableShare: 0.68), new DriftThresholds { Window = 20_000 });
        var labels = report.Signals.Single(s => s.Name == "label_mix");
        Assert.True(labels.PValue < 0.01, $"p {labels.PValue}");
        Assert.False(labels.Drifted);
    }

    [Fact]
    public void The_monitor_compares_only_the_last_window_of_predictions()
    {
        var monitor = new DriftMonitor(Reference, new DriftThresholds { Window = 300, MinEvents = 200 });
        foreach (var o in Traffic(600, 10, confidenceShift: 0.25)) monitor.Observe(o);
        Assert.Equal(DriftState.Drift, monitor.Evaluate().State);
        foreach (var o in Traffic(300, 11)) monitor.Observe(o);
        var report = monitor.Evaluate();
        Assert.Equal(DriftState.NoDrift, report.State);
        Assert.Equal(300, report.Events);
        Assert.Equal(900, monitor.Seen);
    }
}
