namespace Mlops.Bench.Benchmarks;

/// <summary>Wall time of one epoch (data preparation included), its steps, and the real and padded tokens per sentence.</summary>
public sealed record EpochTiming(double TotalSeconds, double PrepareSeconds, double FitSeconds, int Steps, int Sentences,
    double RealTokensPerSentence, double PaddedTokensPerSentence, double ValAccuracy);
