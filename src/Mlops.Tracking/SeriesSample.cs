namespace Mlops.Tracking;

/// <summary>A series as a chart gets it: how many points the store holds, whether these are a downsampling of them, and the points in step order.</summary>
public sealed record SeriesSample(long Count, bool Downsampled, IReadOnlyList<long> Steps, IReadOnlyList<double> Values);
