using Mlops.Model.Bert;
using static TorchSharp.torch;

namespace Mlops.Model.Tests;

/// <summary>Small shapes so that tests build and run a model in milliseconds.</summary>
internal static class TinyBert
{
    public static BertConfig Config => new()
    {
        VocabSize = 100,
        HiddenSize = 32,
        NumHiddenLayers = 2,
        NumAttentionHeads = 2,
        IntermediateSize = 64,
        MaxPositionEmbeddings = 64,
    };

    public static BertForSequenceClassification Create(Pooling pooling = Pooling.Mean, int labels = 2, BertConfig? config = null)
    {
        var model = new BertForSequenceClassification(config ?? Config, labels, pooling);
        model.eval();
        return model;
    }

    /// <summary>Two padded rows of ids below the tiny vocabulary and their attention mask.</summary>
    public static (Tensor Ids, Tensor Mask) Batch()
    {
        var ids = tensor(new long[] { 2, 17, 42, 9, 3, 2, 55, 3, 0, 0 }, [2, 5]);
        var mask = tensor(new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0 }, [2, 5]);
        return (ids, mask);
    }

    /// <summary>Same shape and bit-identical values.</summary>
    public static bool Identical(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    public static double MaxAbsDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
}
