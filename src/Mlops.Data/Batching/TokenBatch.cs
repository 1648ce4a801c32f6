namespace Mlops.Data.Batching;

/// <summary>
/// A padded batch in row-major flat arrays, ready to become tensors: ids and attention mask (and, for sentence pairs, the
/// token type ids: 0 for the first text, 1 for the second; null for single sentences) are <see cref="Rows"/> x
/// <see cref="Columns"/>, where Columns is the longest sentence in this batch (dynamic padding), not a fixed maximum.
/// </summary>
public sealed record TokenBatch(long[] InputIds, long[] AttentionMask, long[] Labels, int Rows, int Columns, long[]? TokenTypeIds = null)
{
    /// <summary>Real (unpadded) tokens in the batch.</summary>
    public long RealTokens => AttentionMask.Sum();

    public static TokenBatch Pad(IReadOnlyList<TokenizedExample> examples, int padId)
    {
        var rows = examples.Count;
        var columns = examples.Max(e => e.Ids.Length);
        var ids = new long[rows * columns];
        var mask = new long[rows * columns];
        var types = examples.Any(e => e.TypeIds is not null) ? new long[rows * columns] : null;
        var labels = new long[rows];
        for (var r = 0; r < rows; r++)
        {
            PadRow(examples[r].Ids, padId, ids.AsSpan(r * columns, columns), mask.AsSpan(r * columns, columns));
            if (types is not null) PadTypes(examples[r].TypeIds, types.AsSpan(r * columns, columns));
            labels[r] = examples[r].Label;
        }
        return new TokenBatch(ids, mask, labels, rows, columns, types);
    }

    /// <summary>Writes one row of a padded batch: the ids, then padding to the row's width; the mask is 1 for real tokens, 0 for padding.</summary>
    public static void PadRow(ReadOnlySpan<int> source, int padId, Span<long> ids, Span<long> mask)
    {
        for (var c = 0; c < ids.Length; c++)
        {
            var real = c < source.Length;
            ids[c] = real ? source[c] : padId;
            mask[c] = real ? 1 : 0;
        }
    }

    /// <summary>Writes one row of token type ids: the example's, then type 0 for padding (transformers' <c>pad_token_type_id</c>); all 0 for a single sentence.</summary>
    public static void PadTypes(ReadOnlySpan<int> source, Span<long> types)
    {
        for (var c = 0; c < types.Length; c++) types[c] = c < source.Length ? source[c] : 0;
    }
}
