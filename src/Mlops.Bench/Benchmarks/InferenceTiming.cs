namespace Mlops.Bench.Benchmarks;

/// <summary>One engine's inference figures: single-call latency percentiles and batch throughput.</summary>
public sealed record InferenceTiming(int Calls, double P50Ms, double P99Ms, double MeanMs, int Batch, double SentencesPerSecond);
