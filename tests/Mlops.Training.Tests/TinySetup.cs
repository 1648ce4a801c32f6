using Mlops.Data.Batching;
using Mlops.Model.Bert;

namespace Mlops.Training.Tests;

/// <summary>
/// Tiny models (2 layers, hidden 32) and a small generated task for fast trainer tests: a sequence is
/// labelled 1 when it contains token 7, which a working training loop learns within a few epochs.
/// </summary>
public static class TinySetup
{
    public const int Vocab = 60;

    public static BertConfig Config => new()
    {
        VocabSize = Vocab,
        HiddenSize = 32,
        NumHiddenLayers = 2,
        NumAttentionHeads = 2,
        IntermediateSize = 64,
        MaxPositionEmbeddings = 64,
        HiddenDropoutProb = 0.0,
        AttentionProbsDropoutProb = 0.0,
    };

    public static BertForSequenceClassification Model(int seed = 1)
    {
        TorchSharp.torch.manual_seed(seed);
        return new BertForSequenceClassification(Config, 2, Pooling.Mean);
    }

    /// <summary>
    /// Sets libtorch's intra-op thread count, which is process-wide, until disposed, then puts the previous count back
    /// so that the tests after this one run as before.
    /// </summary>
    public static IDisposable Threads(int count)
    {
        var previous = TorchSharp.torch.get_num_threads();
        TorchSharp.torch.set_num_threads(count);
        return new RestoreThreads(previous);
    }

    private sealed class RestoreThreads(int previous) : IDisposable
    {
        public void Dispose() => TorchSharp.torch.set_num_threads(previous);
    }

    public static List<TokenizedExample> Examples(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i =>
        {
            var length = random.Next(3, 12);
            var ids = Enumerable.Range(0, length).Select(_ => random.Next(10, Vocab)).ToArray();
            var label = i % 2;
            if (label == 1) ids[random.Next(1, length - 1)] = 7;
            ids[0] = 2;
            ids[^1] = 3;
            return new TokenizedExample(ids, label);
        }).ToList();
    }

    public static Batcher Batches(int count, int seed, bool shuffle = true) =>
        new(Examples(count, seed), new BatchingOptions { BatchSize = 16, Shuffle = shuffle, Seed = seed }, padId: 0);

    /// <summary>
    /// A sentence-pair task: <c>[CLS] a [SEP] b [SEP]</c> with type ids, labelled 1 when token 7 is in the second text.
    /// Half the negatives have token 7 in the first text, so noticing token 7 alone gives 75 % accuracy: the model must tell the texts apart.
    /// </summary>
    public static List<TokenizedExample> PairExamples(int count, int seed)
    {
        var random = new Random(seed);
        int[] Text() => Enumerable.Range(0, random.Next(2, 7)).Select(_ => random.Next(10, Vocab)).ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            var (first, second) = (Text(), Text());
            var label = i % 2;
            if (label == 1) second[random.Next(second.Length)] = 7;
            else if (i % 4 == 0) first[random.Next(first.Length)] = 7;
            int[] ids = [2, .. first, 3, .. second, 3];
            int[] types = [.. Enumerable.Repeat(0, first.Length + 2), .. Enumerable.Repeat(1, second.Length + 1)];
            return new TokenizedExample(ids, label, types);
        }).ToList();
    }

    public static Batcher PairBatches(int count, int seed, bool shuffle = true) =>
        new(PairExamples(count, seed), new BatchingOptions { BatchSize = 16, Shuffle = shuffle, Seed = seed }, padId: 0);
}
