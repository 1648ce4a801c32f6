using Mlops.Core;
using Mlops.Data;
using Mlops.Data.Batching;
using Mlops.Data.Tokenization;
using Mlops.Inference.Onnx;
using Onnx;

namespace Mlops.Export;

/// <summary>Calibration for int8: the weighted inputs' channel ranges measured on a seeded sample of sentences.</summary>
public static class Int8Calibration
{
    /// <summary>Sentences calibration reads; more add time, not accuracy, once the channel maxima settle.</summary>
    public const int Sentences = 512;

    /// <summary>A seeded sample of <see cref="Sentences"/> sentences (or sentence pairs), the same every run.</summary>
    public static IReadOnlyList<TextInput> Sample(IReadOnlyList<TextInput> sentences)
    {
        var shuffled = sentences.ToArray();
        new Random(42).Shuffle(shuffled);
        return shuffled.Take(Sentences).ToList();
    }

    /// <summary>The per-channel ranges of every weighted input of <paramref name="float32"/> over <paramref name="sentences"/>.</summary>
    public static IReadOnlyDictionary<string, float[]> Measure(ModelProto float32, WordPieceTokenizer tokenizer, int maxLength, IReadOnlyList<TextInput> sentences,
        OnnxOptions options)
    {
        var examples = sentences.Take(Sentences).Select(s => new LabeledSentence(s.Text, 0, s.Pair)).ToList();
        var batches = Batcher.Tokenize(examples, tokenizer, maxLength, BatchingOptions.Inference(32)).Epoch(0);
        return ActivationRanges.Measure(float32, Int8Quantizer.WeightedInputs(float32), batches, options);
    }
}
