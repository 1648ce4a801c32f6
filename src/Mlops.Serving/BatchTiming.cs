namespace Mlops.Serving;

/// <summary>One batch the batcher computed: its size, how long each of its texts waited in the queue, and the model's time.</summary>
public sealed record BatchTiming(int Size, IReadOnlyList<TimeSpan> QueueWaits, TimeSpan ModelTime);
