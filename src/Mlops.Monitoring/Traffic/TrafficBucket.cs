using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Events;

namespace Mlops.Monitoring.Traffic;

/// <summary>One time bucket of <see cref="TrafficTimeline"/>: its traffic summarised, and the drift decision at its end.</summary>
public sealed record TrafficBucket(DateTimeOffset Start, int Events, IReadOnlyList<int> LabelCounts, Spread Confidence, Spread Tokens,
    double UnknownTokenRate, Spread LatencyMs, DriftReport? Drift)
{
    public static TrafficBucket Of(DateTimeOffset start, IReadOnlyList<PredictionEvent> events, int labels, DriftReport? drift)
    {
        var counts = new int[Math.Max(labels, events.Max(e => e.LabelIndex) + 1)];
        foreach (var e in events) counts[e.LabelIndex]++;
        return new TrafficBucket(start, events.Count, counts, Spread.Of(events.Select(e => e.Confidence)), Spread.Of(events.Select(e => (double)e.Tokens)),
            PredictionObservation.UnknownTokenRate(events.Select(e => e.Observation)), Spread.Of(events.Select(e => e.Latency.TotalMilliseconds)), drift);
    }
}
