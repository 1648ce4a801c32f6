using Mlops.Monitoring.Performance;
using Mlops.Monitoring.Statistics;

namespace Mlops.Monitoring.Drift;

/// <summary>
/// The one decision function: a window of live predictions against the reference profile, signal by signal - the
/// predicted label mix (chi-square, Cohen's w), confidence and token length (two-sample KS with its distance, and PSI
/// over the reference's decile bins), the unknown-token rate (increase over the reference), the sentence-embedding
/// centroid (<see cref="CentroidDistance"/>; only where both the profile and the window's predictions have embeddings,
/// which logged traffic and older exports do not) - and the window's accuracy
/// and MCC estimated from its calibrated confidences (<see cref="PerformanceEstimation"/>). The serving host's
/// monitor and <c>mlops monitor</c> both call it, so live gauges and offline reports cannot disagree.
/// </summary>
public static class DriftAnalysis
{
    /// <summary>The name of the sentence-embedding centroid's signal (the <c>signal</c> label of its gauges).</summary>
    public const string EmbeddingSignal = "embedding_centroid";

    /// <summary>
    /// The report on <paramref name="window"/>; without <paramref name="estimatePerformance"/> the decision alone (a
    /// caller stamping it on every event does not need the estimate's Monte Carlo band each time).
    /// </summary>
    public static DriftReport Compare(ReferenceProfile reference, IReadOnlyList<PredictionObservation> window, DriftThresholds thresholds,
        bool estimatePerformance = true)
    {
        var labelCounts = new double[reference.Labels.Count];
        foreach (var o in window) labelCounts[o.LabelIndex]++;
        var labels = ChiSquare.GoodnessOfFit(reference.LabelCounts, labelCounts);
        var signals = new List<DriftSignal>
        {
            new("label_mix", "chi-square (effect: Cohen's w)", labels.Statistic, labels.PValue, labels.Effect, thresholds.LabelEffect,
                labels.PValue < thresholds.PValue && labels.Effect >= thresholds.LabelEffect),
        };
        Continuous("confidence", reference.Confidence, reference.ConfidenceBins, [.. window.Select(o => o.Confidence)]);
        Continuous("token_length", reference.Tokens, reference.TokenBins, [.. window.Select(o => (double)o.Tokens)]);
        var unknownRate = PredictionObservation.UnknownTokenRate(window);
        var increase = unknownRate - reference.UnknownTokenRate;
        signals.Add(new("unknown_token_rate", "increase over the reference rate", unknownRate, double.NaN, increase,
            thresholds.UnknownRateIncrease, increase >= thresholds.UnknownRateIncrease));
        if (reference.Embeddings is { } embeddings && EmbeddingsOf(window, embeddings.Centroid.Count) is { Count: > 0 } vectors)
        {
            var distance = CentroidDistance.Test(embeddings.Centroid, embeddings.RmsSpread, embeddings.EffectiveDimensions, embeddings.Count, vectors);
            signals.Add(new(EmbeddingSignal, "distance of the embedding centroid, scaled chi-square (effect: in reference RMS spreads)", distance.Statistic,
                distance.PValue, distance.Effect, thresholds.EmbeddingDistance, distance.PValue < thresholds.PValue && distance.Effect >= thresholds.EmbeddingDistance));
        }

        var state = window.Count < thresholds.MinEvents ? DriftState.InsufficientData
            : signals.Any(s => s.Drifted) ? DriftState.Drift : DriftState.NoDrift;
        if (state == DriftState.InsufficientData) signals = [.. signals.Select(s => s with { Drifted = false })];
        PerformanceEstimate? estimate = null;
        string? noEstimate = null;
        if (!estimatePerformance) noEstimate = PerformanceEstimation.NotAsked;
        else if (reference.Performance is not { } performance) noEstimate = PerformanceEstimation.NoCalibration;
        else if (state == DriftState.InsufficientData) noEstimate = $"not estimated: insufficient data ({window.Count} of {thresholds.MinEvents} events)";
        else estimate = PerformanceEstimation.Estimate(performance, reference.Labels.Count, window);
        return new DriftReport(state, window.Count, thresholds.MinEvents, signals, estimate, noEstimate);

        void Continuous(string name, IReadOnlyList<double> referenceSample, Bins bins, double[] live)
        {
            var ks = KolmogorovSmirnov.TwoSample(referenceSample, live);
            signals.Add(new(name, "two-sample Kolmogorov-Smirnov (effect: distance D)", ks.Statistic, ks.PValue, ks.Statistic,
                thresholds.KsDistance, ks.PValue < thresholds.PValue && ks.Statistic >= thresholds.KsDistance));
            var psi = PopulationStability.Index(bins.Counts, bins.CountOf(live));
            signals.Add(new($"{name}_psi", "population stability index over the reference's deciles", psi, double.NaN, psi,
                thresholds.Psi, psi >= thresholds.Psi));
        }
    }

    /// <summary>The window's embeddings of the reference's width; predictions without one (read from a log, an older export) are left out.</summary>
    private static List<float[]> EmbeddingsOf(IReadOnlyList<PredictionObservation> window, int size) =>
        [.. window.Select(o => o.Embedding).OfType<float[]>().Where(e => e.Length == size)];
}
