using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Core;
using Mlops.Inference.Onnx;
using Mlops.Monitoring;
using Mlops.Monitoring.Drift;
using Prometheus;
using Mlops.Testing;

namespace Mlops.Serving.Tests;

public sealed class MonitoringMetricsTests : TempDirectoryTest
{
    private static readonly string[] Labels = ["unacceptable", "acceptable"];

    [Fact]
    public async Task The_estimate_gauges_are_nan_until_the_window_can_decide_then_show_the_drift_reports_estimate()
    {
        var random = new Random(1);
        var predictions = Enumerable.Range(0, 400).Select(i =>
        {
            var label = i % 3 == 0 ? 0 : 1;
            var confidence = (float)(0.5 + random.NextDouble() / 2);
            return new Prediction($"sentence {i}", Labels[label], label, label == 1 ? [1 - confidence, confidence] : [confidence, 1 - confidence]) { Tokens = 6 };
        }).ToArray();
        var observations = predictions.Select(p => new PredictionObservation(p.LabelIndex, p.Confidence, p.Tokens, 0)).ToArray();
        var truth = observations.Select(o => random.NextDouble() < o.Confidence ? o.LabelIndex : 1 - o.LabelIndex).ToArray();
        await ReferenceProfile.From(Labels, observations, "test", truth).WriteAsync(new ModelDirectory(Dir).ProfilePath, CancellationToken.None);
        using var recorder = (await PredictionRecorder.CreateAsync(new MonitoringOptions { Stdout = false }, new ModelDirectory(Dir), Labels, 0, "api", null, null,
            NullLogger.Instance, CancellationToken.None))!;
        var registry = Prometheus.Metrics.NewCustomRegistry();
        MonitoringMetrics.Register(registry, recorder);

        recorder.Record("few", predictions[..100], TimeSpan.Zero);
        Assert.True(double.IsNaN(await GaugeAsync(registry, "mlops_estimated_accuracy")), "under min_events there is no estimate");
        Assert.True(double.IsNaN(await GaugeAsync(registry, "mlops_estimated_mcc_lower")));

        recorder.Record("enough", predictions[100..], TimeSpan.Zero);
        var estimate = recorder.Drift!.Evaluate().Estimate!;
        Assert.Equal(estimate.Accuracy.Value, await GaugeAsync(registry, "mlops_estimated_accuracy"), 9);
        Assert.Equal(estimate.Accuracy.Lower, await GaugeAsync(registry, "mlops_estimated_accuracy_lower"), 9);
        Assert.Equal(estimate.Mcc!.Value, await GaugeAsync(registry, "mlops_estimated_mcc"), 9);
        Assert.Equal(estimate.Mcc.Lower, await GaugeAsync(registry, "mlops_estimated_mcc_lower"), 9);
        Assert.InRange(estimate.Accuracy.Value, 0.5, 1);
    }

    [Fact]
    public async Task A_served_export_with_sentence_embeddings_has_an_embedding_drift_gauge()
    {
        var served = await ServedTinyModel.WithProfileAsync(Dir);
        var (classifier, _) = await OnnxClassifier.LoadAsync(served, new OnnxOptions { Threads = 1 }, 32, CancellationToken.None);
        using var _ = classifier;
        using var recorder = (await PredictionRecorder.CreateAsync(new MonitoringOptions { Stdout = false }, served, classifier.LabelNames, classifier.EmbeddingSize,
            "api", null, null, NullLogger.Instance, CancellationToken.None))!;
        var registry = Prometheus.Metrics.NewCustomRegistry();
        MonitoringMetrics.Register(registry, recorder);

        recorder.Record("traffic", classifier.Predict(TinyModelFolder.Sentences(300, seed: 5)), TimeSpan.Zero);
        var signal = recorder.Drift!.Evaluate().Signals.Single(s => s.Name == DriftAnalysis.EmbeddingSignal);
        Assert.Equal(signal.Effect, await GaugeAsync(registry, $"mlops_drift_effect{{signal=\"{DriftAnalysis.EmbeddingSignal}\"}}"), 9);
        Assert.Equal(new DriftThresholds().EmbeddingDistance, await GaugeAsync(registry, $"mlops_drift_threshold{{signal=\"{DriftAnalysis.EmbeddingSignal}\"}}"), 9);
    }

    /// <summary>The value of the series <paramref name="name"/> (with its labels, if any) in the registry's text exposition.</summary>
    private static async Task<double> GaugeAsync(CollectorRegistry registry, string name)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var line = Encoding.UTF8.GetString(stream.ToArray()).Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
