using Mlops.Metrics;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Performance;

namespace Mlops.Monitoring.Tests;

public sealed class PerformanceEstimationTests
{
    private static readonly string[] Labels = ["unacceptable", "acceptable"];

    /// <summary>
    /// An overconfident binary model: it says p(acceptable) = q, the truth is acceptable with probability 0.2 + 0.6 q.
    /// <paramref name="skew"/> above 1 pushes q towards 0 (more predicted unacceptable): the inputs shift, the calibration holds.
    /// </summary>
    private static (PredictionObservation[] Predictions, int[] Labels) Binary(int count, int seed, double skew = 1)
    {
        var random = new Random(seed);
        var q = Enumerable.Range(0, count).Select(_ => Math.Pow(random.NextDouble(), skew)).ToArray();
        return ([.. q.Select(p => new PredictionObservation(p >= 0.5 ? 1 : 0, Math.Max(p, 1 - p), 10, 0))],
            [.. q.Select(p => random.NextDouble() < 0.2 + 0.6 * p ? 1 : 0)]);
    }

    private static ReferenceProfile Calibrated(int seed, int count = 5000)
    {
        var (predictions, labels) = Binary(count, seed);
        return ReferenceProfile.From(Labels, predictions, "generated", labels);
    }

    private static ClassificationMetrics Truth(PredictionObservation[] predictions, int[] labels, int labelCount)
    {
        var matrix = new ConfusionMatrix(labelCount);
        matrix.AddRange(labels, [.. predictions.Select(p => p.LabelIndex)]);
        return matrix.Compute();
    }

    [Fact]
    public void Labels_drawn_from_the_calibrated_probabilities_fall_inside_the_95_percent_bands_about_95_times_in_100()
    {
        var performance = Calibrated(1).Performance!;
        int accuracyInside = 0, mccInside = 0;
        const int Windows = 60;
        for (var seed = 0; seed < Windows; seed++)
        {
            var window = Binary(1000, 100 + seed, skew: 1.4).Predictions;
            var random = new Random(seed);
            var labels = window.Select(o => random.NextDouble() < performance.Calibration.Apply(CalibrationTarget.Score(o, 2)) ? 1 : 0).ToArray();
            var truth = Truth(window, labels, 2);
            var estimate = PerformanceEstimation.Estimate(performance, 2, window);
            var mcc = estimate.Mcc!;
            Assert.InRange(estimate.Accuracy.Upper - estimate.Accuracy.Lower, 0.04, 0.07);
            Assert.InRange(mcc.Upper - mcc.Lower, 0.05, 0.15);
            if (estimate.Accuracy.Lower <= truth.Accuracy && truth.Accuracy <= estimate.Accuracy.Upper) accuracyInside++;
            if (mcc.Lower <= truth.Mcc && truth.Mcc <= mcc.Upper) mccInside++;
        }
        Assert.InRange(accuracyInside, 52, 60);
        Assert.InRange(mccInside, 52, 60);
    }

    [Fact]
    public void The_calibration_corrects_an_overconfident_model_under_shifted_inputs()
    {
        var accuracyErrors = new List<double>();
        var mccErrors = new List<double>();
        for (var seed = 0; seed < 10; seed++)
        {
            var performance = Calibrated(100 + seed, count: 10_000).Performance!;
            var (window, labels) = Binary(5000, 200 + seed, skew: 1.3);
            var truth = Truth(window, labels, 2);
            var estimate = PerformanceEstimation.Estimate(performance, 2, window);
            accuracyErrors.Add(estimate.Accuracy.Value - truth.Accuracy);
            mccErrors.Add(estimate.Mcc!.Value - truth.Mcc);
            // The model's own confidences, uncalibrated, overstate the accuracy far beyond that.
            Assert.True(window.Average(o => o.Confidence) - truth.Accuracy > 0.08, $"seed {seed}: the generated model is not overconfident enough to test calibration");
        }
        // Each window's truth is itself a draw (standard deviation about 0.006 in accuracy, 0.013 in MCC); the mean error is the bias.
        Assert.All(accuracyErrors, e => Assert.InRange(e, -0.03, 0.03));
        Assert.InRange(accuracyErrors.Average(), -0.012, 0.012);
        Assert.InRange(mccErrors.Average(), -0.025, 0.025);
    }

    [Fact]
    public void The_reference_keeps_its_true_accuracy_and_mcc()
    {
        var (predictions, labels) = Binary(5000, 7);
        var performance = ReferenceProfile.From(Labels, predictions, "generated", labels).Performance!;
        var truth = Truth(predictions, labels, 2);
        Assert.Equal(truth.Accuracy, performance.Accuracy, 12);
        Assert.Equal(truth.Mcc, performance.Mcc!.Value, 12);
        Assert.Equal(5000, performance.Events);
    }

    [Fact]
    public void The_expected_confusion_mcc_is_the_metrics_mcc_on_whole_counts()
    {
        var random = new Random(3);
        foreach (var size in new[] { 1, 5, 40, 300 })
        {
            var predictions = Enumerable.Range(0, size).Select(_ => new PredictionObservation(random.Next(2), 0.8, 5, 0)).ToArray();
            var labels = predictions.Select(p => random.NextDouble() < 0.7 ? p.LabelIndex : 1 - p.LabelIndex).ToArray();
            var mcc = ExpectedConfusion.Of(predictions, i => labels[i] == predictions[i].LabelIndex ? 1 : 0).Mcc;
            Assert.Equal(Truth(predictions, labels, 2).Mcc, mcc, 12);
        }
    }

    [Fact]
    public void More_than_two_labels_estimate_accuracy_from_the_winning_probability_and_not_mcc()
    {
        // The winner's probability c is right with probability c squared.
        string[] labels = ["a", "b", "c"];
        (PredictionObservation[], int[]) Traffic(int count, int seed)
        {
            var random = new Random(seed);
            var predictions = Enumerable.Range(0, count).Select(_ => new PredictionObservation(random.Next(3), 1 / 3.0 + 2 / 3.0 * random.NextDouble(), 8, 0)).ToArray();
            return (predictions, [.. predictions.Select(p => random.NextDouble() < p.Confidence * p.Confidence ? p.LabelIndex : (p.LabelIndex + 1 + random.Next(2)) % 3)]);
        }
        var (referencePredictions, referenceLabels) = Traffic(5000, 1);
        var reference = ReferenceProfile.From(labels, referencePredictions, "generated", referenceLabels);
        Assert.Null(reference.Performance!.Mcc);
        var (window, truth) = Traffic(2000, 2);
        var estimate = DriftAnalysis.Compare(reference, window, new DriftThresholds { Window = 2000 }).Estimate!;
        Assert.Null(estimate.Mcc);
        var accuracy = Truth(window, truth, 3).Accuracy;
        Assert.InRange(accuracy, estimate.Accuracy.Lower, estimate.Accuracy.Upper);
    }

    [Fact]
    public void Too_few_events_follow_the_insufficient_data_rule_and_get_no_estimate()
    {
        var reference = Calibrated(1);
        var thresholds = new DriftThresholds { MinEvents = 200 };
        var few = DriftAnalysis.Compare(reference, Binary(150, 2).Predictions, thresholds);
        Assert.Equal(DriftState.InsufficientData, few.State);
        Assert.Null(few.Estimate);
        Assert.Equal("not estimated: insufficient data (150 of 200 events)", few.NoEstimate);
        var enough = DriftAnalysis.Compare(reference, Binary(200, 2).Predictions, thresholds);
        Assert.NotNull(enough.Estimate);
        Assert.Null(enough.NoEstimate);
    }

    [Fact]
    public void A_decision_only_comparison_decides_the_same_and_says_why_it_has_no_estimate()
    {
        var reference = Calibrated(1);
        var window = Binary(500, 5, skew: 1.3).Predictions;
        var full = DriftAnalysis.Compare(reference, window, new DriftThresholds());
        var decision = DriftAnalysis.Compare(reference, window, new DriftThresholds(), estimatePerformance: false);
        Assert.NotNull(full.Estimate);
        Assert.Null(decision.Estimate);
        Assert.Equal(PerformanceEstimation.NotAsked, decision.NoEstimate);
        Assert.Equal((full.State, full.Score), (decision.State, decision.Score));
        Assert.Equal(full.Signals, decision.Signals);
    }

    [Fact]
    public void The_same_window_always_gets_the_same_band()
    {
        var reference = Calibrated(1);
        var window = Binary(500, 4, skew: 1.3).Predictions;
        Assert.Equal(PerformanceEstimation.Estimate(reference.Performance!, 2, window), PerformanceEstimation.Estimate(reference.Performance!, 2, window));
    }
}
