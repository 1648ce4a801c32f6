using Mlops.Data.Batching;
using Mlops.Data.Tokenization;

namespace Mlops.Data.Tests.Batching;

public class BatcherTests
{
    private static List<TokenizedExample> Examples(int count, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => new TokenizedExample(Enumerable.Range(0, random.Next(3, 40)).Select(j => 10 + i).ToArray(), i % 2))
            .ToList();
    }

    [Fact]
    public void Pads_each_batch_to_its_longest_sentence_only()
    {
        var batch = TokenBatch.Pad([new TokenizedExample([5, 6, 7], 1), new TokenizedExample([5], 0)], padId: 0);
        Assert.Equal(3, batch.Columns);
        Assert.Equal([5, 6, 7, 5, 0, 0], batch.InputIds);
        Assert.Equal([1, 1, 1, 1, 0, 0], batch.AttentionMask);
        Assert.Equal([1, 0], batch.Labels);
        Assert.Equal(4, batch.RealTokens);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_example_appears_exactly_once_per_epoch(bool bucket)
    {
        var batcher = new Batcher(Examples(1000), new BatchingOptions { BatchSize = 32, BucketByLength = bucket }, 0);
        var seen = batcher.BatchIndices(0).SelectMany(b => b).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 1000), seen);
        Assert.Equal(32, batcher.BatchIndices(0).Count);
    }

    [Fact]
    public void Order_depends_only_on_seed_and_epoch()
    {
        var options = new BatchingOptions { BatchSize = 16, Seed = 7 };
        var a = new Batcher(Examples(300), options, 0).BatchIndices(2);
        var b = new Batcher(Examples(300), options, 0).BatchIndices(2);
        var other = new Batcher(Examples(300), options, 0).BatchIndices(3);
        Assert.Equal(a.Select(x => string.Join(',', x)), b.Select(x => string.Join(',', x)));
        Assert.NotEqual(a.Select(x => string.Join(',', x)), other.Select(x => string.Join(',', x)));
    }

    [Fact]
    public void Bucketing_cuts_padding_versus_random_batches()
    {
        var examples = Examples(2000);
        long Padded(bool bucket) => new Batcher(examples, new BatchingOptions { BatchSize = 32, BucketByLength = bucket }, 0)
            .Epoch(0).Sum(b => (long)b.Rows * b.Columns);
        var real = examples.Sum(e => (long)e.Ids.Length);
        Assert.True(Padded(true) < real * 1.1, $"bucketed batches should carry under 10% padding: {Padded(true)} vs {real} real tokens");
        Assert.True(Padded(false) > real * 1.5, "random batches of mixed lengths carry much more padding");
    }

    [Fact]
    public void Without_shuffle_batches_keep_input_order()
    {
        var batcher = new Batcher(Examples(10), new BatchingOptions { BatchSize = 4, Shuffle = false, BucketByLength = false }, 0);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], batcher.BatchIndices(0).SelectMany(b => b));
    }

    [Fact]
    public void Tokenizing_while_releasing_the_texts_gives_the_same_batches_and_empties_the_list()
    {
        var tokenizer = WordPieceTokenizer.FromText("[PAD]\n[UNK]\n[CLS]\n[SEP]\nthe\ncat\nsat\n.\ndog\nrun\n##ning\n", "test vocab");
        var words = new[] { "the", "cat", "sat", "dog", "running", "." };
        var random = new Random(3);
        // More sentences than one released block, some of them pairs, so every block and the last partial one are seen.
        var sentences = Enumerable.Range(0, 70_000).Select(i => new LabeledSentence(
            string.Join(' ', Enumerable.Range(0, random.Next(1, 12)).Select(_ => words[random.Next(words.Length)])), i % 3,
            i % 2 == 0 ? null : words[i % words.Length])).ToList();
        var options = new BatchingOptions { BatchSize = 64, Seed = 5 };
        var expected = Batcher.Tokenize(sentences, tokenizer, 8, options);
        var owned = new List<LabeledSentence>(sentences);

        var released = Batcher.TokenizeReleasing(owned, tokenizer, 8, options);

        Assert.Empty(owned);
        Assert.Equal(expected.Count, released.Count);
        foreach (var (a, b) in expected.Epoch(1).Zip(released.Epoch(1)))
        {
            Assert.Equal(a.InputIds, b.InputIds);
            Assert.Equal(a.TokenTypeIds, b.TokenTypeIds);
            Assert.Equal(a.Labels, b.Labels);
        }
    }
}
