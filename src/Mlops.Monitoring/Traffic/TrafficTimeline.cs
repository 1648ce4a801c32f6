using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Events;

namespace Mlops.Monitoring.Traffic;

/// <summary>
/// A model's logged traffic over time for the monitoring view: the events cut into equal time buckets, each with its
/// volume per label, the spread of confidence, input length and latency, the unknown-token rate, and - when the model
/// has a reference profile - the drift decision on the window of the last <see cref="DriftThresholds.Window"/>
/// predictions at the bucket's end, which is what the serving host's gauges said at that moment.
/// </summary>
public sealed record TrafficTimeline(IReadOnlyList<string> Labels, int Events, IReadOnlyList<TrafficBucket> Buckets, bool HasReference)
{
    public static TrafficTimeline Build(IReadOnlyList<PredictionEvent> events, int buckets, ReferenceProfile? reference, DriftThresholds thresholds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        var labels = reference?.Labels ?? [.. events.GroupBy(e => e.LabelIndex).OrderBy(g => g.Key).Select(g => g.First().Label)];
        if (events.Count == 0) return new TrafficTimeline(labels, 0, [], reference is not null);
        var (start, end) = (events[0].Timestamp, events[^1].Timestamp);
        var width = (end - start) / buckets;
        if (width <= TimeSpan.Zero) width = TimeSpan.FromSeconds(1);
        var observations = events.Select(e => e.Observation).ToArray();
        var result = new List<TrafficBucket>();
        var first = 0;
        for (var b = 0; b < buckets && first < events.Count; b++)
        {
            var bucketEnd = b == buckets - 1 ? end : start + width * (b + 1);
            var last = first;
            while (last < events.Count && (events[last].Timestamp <= bucketEnd || b == buckets - 1)) last++;
            if (last == first) continue;
            var slice = events.Skip(first).Take(last - first).ToArray();
            var drift = reference is null ? null
                : DriftAnalysis.Compare(reference, observations[Math.Max(0, last - thresholds.Window)..last], thresholds);
            result.Add(TrafficBucket.Of(start + width * b, slice, labels.Count, drift));
            first = last;
        }
        return new TrafficTimeline(labels, events.Count, result, reference is not null);
    }
}
