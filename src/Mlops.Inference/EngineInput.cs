using Mlops.Data.Batching;

namespace Mlops.Inference;

/// <summary>
/// One padded batch as an engine reads it: row-major ids and attention mask of <see cref="Rows"/> x <see cref="Columns"/>,
/// over memory the caller may reuse between calls (slices of pooled buffers on the hot path).
/// </summary>
public readonly record struct EngineInput(Memory<long> InputIds, Memory<long> AttentionMask, int Rows, int Columns)
{
    public static EngineInput From(TokenBatch batch) => new(batch.InputIds, batch.AttentionMask, batch.Rows, batch.Columns);
}
