using Prometheus;

namespace Mlops.Serving;

/// <summary>
/// What <c>GET /metrics</c> exposes beside prometheus-net's per-route request counts and latency histograms: the
/// batch sizes the batcher reaches, queue wait and model time (where a request's time goes), its queue depth, refused
/// requests by status, predictions by label and their confidence.
/// One registry per host, so two hosts in a process (tests) never share counters.
/// </summary>
public sealed class ServingMetrics
{
    public ServingMetrics(CollectorRegistry registry, PredictionBatcher batcher)
    {
        Registry = registry;
        var factory = Metrics.WithCustomRegistry(registry);
        var batchSize = factory.CreateHistogram("mlops_batch_size", "Texts per ONNX Runtime call made by the batcher.",
            new HistogramConfiguration { Buckets = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        var queueWait = factory.CreateHistogram("mlops_queue_wait_seconds", "Time a text waited in the batcher's queue before its batch started.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16) });
        var modelTime = factory.CreateHistogram("mlops_model_seconds", "Time of one ONNX Runtime call (tokenizing, padding and the model) for a batch.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16) });
        batcher.BatchComputed += timing =>
        {
            batchSize.Observe(timing.Size);
            modelTime.Observe(timing.ModelTime.TotalSeconds);
            foreach (var wait in timing.QueueWaits) queueWait.Observe(wait.TotalSeconds);
        };
        var depth = factory.CreateGauge("mlops_queue_depth", "Texts waiting for a batch.");
        registry.AddBeforeCollectCallback(() => depth.Set(batcher.QueueDepth));
        Rejected = factory.CreateCounter("mlops_rejected_requests_total", "Requests answered with a problem document, by HTTP status.",
            new CounterConfiguration { LabelNames = ["status"] });
        Predictions = factory.CreateCounter("mlops_predictions_total", "Texts classified, by predicted label.",
            new CounterConfiguration { LabelNames = ["label"] });
        Confidence = factory.CreateHistogram("mlops_prediction_confidence", "The winning label's probability: a collapse towards chance shows here first.",
            new HistogramConfiguration { Buckets = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99] });
    }

    public CollectorRegistry Registry { get; }

    public Counter Rejected { get; }

    public Counter Predictions { get; }

    public Histogram Confidence { get; }
}
