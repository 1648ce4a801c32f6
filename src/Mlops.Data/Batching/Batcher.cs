using Mlops.Data.Tokenization;

namespace Mlops.Data.Batching;

/// <summary>
/// Cuts tokenized examples into padded batches. With bucketing, each epoch shuffles the examples,
/// sorts them by length within pools of many batches, cuts the pools into batches and shuffles the
/// batch order: training stays random while padding (wasted compute) nearly vanishes.
/// The order for an epoch depends only on the seed and the epoch, so a resumed run sees the same batches.
/// </summary>
public sealed class Batcher(IReadOnlyList<TokenizedExample> examples, BatchingOptions options, int padId)
{
    /// <summary>Tokenizes labelled sentences or sentence pairs (in parallel, order kept) and batches them.</summary>
    public static Batcher Tokenize(IReadOnlyList<LabeledSentence> sentences, WordPieceTokenizer tokenizer, int maxLength, BatchingOptions options) =>
        new(sentences.AsParallel().AsOrdered().Select(s => TokenizedExample.Encode(tokenizer, s.Text, s.Pair, maxLength, s.Label)).ToList(),
            options, tokenizer.PadId);

    public int Count => examples.Count;

    public int BatchCount => (examples.Count + options.BatchSize - 1) / options.BatchSize;

    public IEnumerable<TokenBatch> Epoch(int epoch) =>
        BatchIndices(epoch).Select(indices => TokenBatch.Pad(indices.Select(i => examples[i]).ToList(), padId));

    public IReadOnlyList<int[]> BatchIndices(int epoch)
    {
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "Batch size must be at least 1.");
        var order = Enumerable.Range(0, examples.Count).ToArray();
        // Not HashCode.Combine: it is randomised per process, and the order must repeat across runs.
        var random = new Random(unchecked(options.Seed * 1_000_003 + epoch) & int.MaxValue);
        if (options.Shuffle) random.Shuffle(order);
        var size = options.BatchSize;
        if (options.BucketByLength)
        {
            var pool = size * Math.Max(1, options.BucketPoolBatches);
            for (var start = 0; start < order.Length; start += pool)
            {
                var length = Math.Min(pool, order.Length - start);
                Array.Sort(order, start, length, Comparer<int>.Create((a, b) => examples[a].Ids.Length.CompareTo(examples[b].Ids.Length)));
            }
        }
        var batches = order.Chunk(size).ToList();
        if (options.Shuffle && options.BucketByLength)
        {
            var array = batches.ToArray();
            random.Shuffle(array);
            return array;
        }
        return batches;
    }
}
