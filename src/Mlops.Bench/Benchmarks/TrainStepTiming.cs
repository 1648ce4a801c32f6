namespace Mlops.Bench.Benchmarks;

/// <summary>Milliseconds per training step and inference call, and training sentences per second.</summary>
public sealed record TrainStepTiming(double TrainMsPerStep, double TrainSentencesPerSecond, double InferMsBatch, double InferMsOne);
