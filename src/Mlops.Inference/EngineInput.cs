using Mlops.Data.Batching;

namespace Mlops.Inference;

/// <summary>
/// One padded batch as an engine reads it: row-major ids and attention mask of <see cref="Rows"/> x <see cref="Columns"/>,
/// and for sentence pairs the token type ids of the same shape (empty for single sentences), over memory the caller may
/// reuse between calls (slices of pooled buffers on the hot path).
/// </summary>
public readonly record struct EngineInput(Memory<long> InputIds, Memory<long> AttentionMask, int Rows, int Columns, Memory<long> TokenTypeIds = default)
{
    /// <summary>Whether the batch holds sentence pairs (it has token type ids).</summary>
    public bool HasTypes => !TokenTypeIds.IsEmpty;

    public static EngineInput From(TokenBatch batch) =>
        new(batch.InputIds, batch.AttentionMask, batch.Rows, batch.Columns, batch.TokenTypeIds ?? Memory<long>.Empty);
}
