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
        new(sentences.AsParallel().AsOrdered().Select(s => Encode(tokenizer, s, maxLength)).ToList(), options, tokenizer.PadId);

    /// <summary>
    /// Tokenizes as <see cref="Tokenize"/> does, but empties <paramref name="sentences"/> as it goes, a block at a time from
    /// the end, so each block's texts can be collected once its tokens exist: memory peaks near the larger of texts and
    /// tokens rather than their sum (a million table rows: see docs/benchmarks.md, "A million-row table").
    /// </summary>
    public static Batcher TokenizeReleasing(List<LabeledSentence> sentences, WordPieceTokenizer tokenizer, int maxLength, BatchingOptions options)
    {
        var examples = new TokenizedExample[sentences.Count];
        for (var released = 1; sentences.Count > 0; released++)
        {
            var start = Math.Max(0, sentences.Count - ReleaseBlock);
            Parallel.For(start, sentences.Count, i => examples[i] = Encode(tokenizer, sentences[i], maxLength));
            sentences.RemoveRange(start, sentences.Count - start);
            // The released texts sit in generation 2, which the GC collects only once its budget runs out: after the
            // tokens have piled on top of them. One compacting collection per CollectEvery blocks (~0.2 s on a million
            // rows) keeps the peak near the texts alone: 1,227 MB -> 989 MB there; a smaller dataset never triggers it.
            if (released % CollectEvery == 0 && sentences.Count > 0) GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        return new Batcher(examples, options, tokenizer.PadId);
    }

    private static TokenizedExample Encode(WordPieceTokenizer tokenizer, LabeledSentence sentence, int maxLength) =>
        TokenizedExample.Encode(tokenizer, sentence.Text, sentence.Pair, maxLength, sentence.Label);

    /// <summary>Sentences <see cref="TokenizeReleasing"/> tokenizes before it lets their texts go.</summary>
    private const int ReleaseBlock = 1 << 15;

    /// <summary>Blocks released between the collections <see cref="TokenizeReleasing"/> asks for (262,144 sentences).</summary>
    private const int CollectEvery = 8;

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
