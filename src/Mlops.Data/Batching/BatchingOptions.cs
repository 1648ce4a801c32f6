namespace Mlops.Data.Batching;

/// <summary>How examples become batches: size, shuffling seed, and whether to group similar lengths.</summary>
public sealed record BatchingOptions
{
    public int BatchSize { get; init; } = 32;

    public bool Shuffle { get; init; } = true;

    public int Seed { get; init; } = 42;

    /// <summary>
    /// Group sentences of similar length into a batch, so padding is small. Batches are still drawn
    /// in a random order and the grouping happens within random pools of <see cref="BucketPoolBatches"/> batches.
    /// </summary>
    public bool BucketByLength { get; init; } = true;

    public int BucketPoolBatches { get; init; } = 50;

    /// <summary>Batches for evaluation and prediction: input order kept within length buckets, no shuffling.</summary>
    public static BatchingOptions Inference(int batchSize) => new() { BatchSize = batchSize, Shuffle = false, BucketByLength = true };
}
