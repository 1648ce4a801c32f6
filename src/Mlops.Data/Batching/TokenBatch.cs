namespace Mlops.Data.Batching;

/// <summary>
/// A padded batch in row-major flat arrays, ready to become tensors: ids and attention mask are
/// <see cref="Rows"/> x <see cref="Columns"/>, where Columns is the longest sentence in this batch
/// (dynamic padding), not a fixed maximum.
/// </summary>
public sealed record TokenBatch(long[] InputIds, long[] AttentionMask, long[] Labels, int Rows, int Columns)
{
    /// <summary>Real (unpadded) tokens in the batch.</summary>
    public long RealTokens => AttentionMask.Sum();

    public static TokenBatch Pad(IReadOnlyList<TokenizedExample> examples, int padId)
    {
        var rows = examples.Count;
        var columns = examples.Max(e => e.Ids.Length);
        var ids = new long[rows * columns];
        var mask = new long[rows * columns];
        var labels = new long[rows];
        for (var r = 0; r < rows; r++)
        {
            PadRow(examples[r].Ids, padId, ids.AsSpan(r * columns, columns), mask.AsSpan(r * columns, columns));
            labels[r] = examples[r].Label;
        }
        return new TokenBatch(ids, mask, labels, rows, columns);
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
}
