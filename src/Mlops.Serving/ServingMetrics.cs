using Prometheus;

namespace Mlops.Serving;

/// <summary>
/// What <c>GET /metrics</c> exposes beside prometheus-net's per-route request counts and latency histograms: the
/// batch sizes the batcher reaches, its queue depth, refused requests by status, and predictions by label.
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
        batcher.BatchComputed += size => batchSize.Observe(size);
        var depth = factory.CreateGauge("mlops_queue_depth", "Texts waiting for a batch.");
        registry.AddBeforeCollectCallback(() => depth.Set(batcher.QueueDepth));
        Rejected = factory.CreateCounter("mlops_rejected_requests_total", "Requests answered with a problem document, by HTTP status.",
            new CounterConfiguration { LabelNames = ["status"] });
        Predictions = factory.CreateCounter("mlops_predictions_total", "Texts classified, by predicted label.",
            new CounterConfiguration { LabelNames = ["label"] });
    }

    public CollectorRegistry Registry { get; }

    public Counter Rejected { get; }

    public Counter Predictions { get; }
}
