using Mlops.Monitoring;
using Prometheus;

namespace Mlops.Serving;

/// <summary>
/// Monitoring's side of <c>GET /metrics</c>: the drift monitor's decision per signal (statistic, effect, threshold,
/// drifted or not), how full its window is and whether that is enough to decide, the window's estimated accuracy and
/// MCC with the lower ends of their bands, and per sink (the log, Elasticsearch, the tracking store) the prediction
/// events shipped, dropped and refused, and whether its backend is up. Evaluated when Prometheus scrapes, so the window
/// is compared once per scrape and never on a request's path.
/// </summary>
public static class MonitoringMetrics
{
    public static void Register(CollectorRegistry registry, PredictionRecorder recorder)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        var sink = new CounterConfiguration { LabelNames = ["sink"] };
        var dropped = factory.CreateCounter("mlops_prediction_events_dropped_total",
            "Prediction events dropped because a sink fell behind by its buffer (monitoring.buffer_events, monitoring.<sink>.buffer_events).", sink);
        var shipped = factory.CreateCounter("mlops_prediction_events_shipped_total", "Prediction events a shipping backend took.", sink);
        var rejected = factory.CreateCounter("mlops_prediction_events_rejected_total", "Prediction events a shipping backend refused for good.", sink);
        var up = factory.CreateGauge("mlops_prediction_shipping_up", "1 while the sink's last request succeeded, 0 from a failure until one succeeds.",
            new GaugeConfiguration { LabelNames = ["sink"] });
        var held = factory.CreateGauge("mlops_prediction_shipping_held_events", "Prediction events waiting for (or in flight to) the sink's backend.",
            new GaugeConfiguration { LabelNames = ["sink"] });
        registry.AddBeforeCollectCallback(() =>
        {
            dropped.WithLabels("log").IncTo(recorder.Dropped);
            foreach (var shipper in recorder.Shippers)
            {
                dropped.WithLabels(shipper.Name).IncTo(shipper.Dropped);
                shipped.WithLabels(shipper.Name).IncTo(shipper.Shipped);
                rejected.WithLabels(shipper.Name).IncTo(shipper.Rejected);
                up.WithLabels(shipper.Name).Set(shipper.Up ? 1 : 0);
                held.WithLabels(shipper.Name).Set(shipper.Held);
            }
        });
        if (recorder.Drift is not { } drift) return;
        var signal = new GaugeConfiguration { LabelNames = ["signal"] };
        var statistic = factory.CreateGauge("mlops_drift_statistic", "The signal's statistic over the window (chi-square, KS distance, PSI, unknown-token rate).", signal);
        var effect = factory.CreateGauge("mlops_drift_effect", "The signal's effect size, which the decision compares with its threshold.", signal);
        var threshold = factory.CreateGauge("mlops_drift_threshold", "The effect at which the signal drifts (monitoring.drift).", signal);
        var detected = factory.CreateGauge("mlops_drift_detected", "1 when the signal drifted in the window (significant and large enough), else 0; signal=\"any\" for the window.", signal);
        var events = factory.CreateGauge("mlops_drift_window_events", "Predictions in the drift window.");
        var insufficient = factory.CreateGauge("mlops_drift_insufficient_data", "1 while the window has fewer than monitoring.drift.min_events predictions: no decision yet.");
        var accuracy = factory.CreateGauge("mlops_estimated_accuracy", "The window's accuracy estimated from calibrated confidences, no labels needed; NaN while not estimated.");
        var accuracyLower = factory.CreateGauge("mlops_estimated_accuracy_lower", "The lower end of the estimated accuracy's 95 % band; NaN while not estimated.");
        var mcc = factory.CreateGauge("mlops_estimated_mcc", "The window's MCC estimated from calibrated confidences (two labels only); NaN while not estimated.");
        var mccLower = factory.CreateGauge("mlops_estimated_mcc_lower", "The lower end of the estimated MCC's 95 % band; NaN while not estimated.");
        var referenceAccuracy = factory.CreateGauge("mlops_reference_accuracy", "The model's true accuracy on its labelled held-out data (the reference profile); NaN without one.");
        var referenceMcc = factory.CreateGauge("mlops_reference_mcc", "The model's true MCC on its labelled held-out data (the reference profile); NaN without one.");
        registry.AddBeforeCollectCallback(() =>
        {
            var report = drift.Evaluate();
            accuracy.Set(report.Estimate?.Accuracy.Value ?? double.NaN);
            accuracyLower.Set(report.Estimate?.Accuracy.Lower ?? double.NaN);
            mcc.Set(report.Estimate?.Mcc?.Value ?? double.NaN);
            mccLower.Set(report.Estimate?.Mcc?.Lower ?? double.NaN);
            referenceAccuracy.Set(report.Estimate?.ReferenceAccuracy ?? double.NaN);
            referenceMcc.Set(report.Estimate?.ReferenceMcc ?? double.NaN);
            foreach (var s in report.Signals)
            {
                statistic.WithLabels(s.Name).Set(s.Statistic);
                effect.WithLabels(s.Name).Set(s.Effect);
                threshold.WithLabels(s.Name).Set(s.Threshold);
                detected.WithLabels(s.Name).Set(s.Drifted ? 1 : 0);
            }
            detected.WithLabels("any").Set(report.State == Monitoring.Drift.DriftState.Drift ? 1 : 0);
            events.Set(report.Events);
            insufficient.Set(report.State == Monitoring.Drift.DriftState.InsufficientData ? 1 : 0);
        });
    }
}
