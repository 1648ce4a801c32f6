using Microsoft.ML.OnnxRuntime;

namespace Mlops.Inference.Onnx;

/// <summary>
/// The interface of an exported classifier, shared by the exporter that writes it and the loader that checks it:
/// input and output names, element types and the lowest opset, so the two cannot disagree.
/// </summary>
public static class OnnxContract
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";

    /// <summary>The third input of a model of sentence pairs, int64 [batch, sequence]: 0 for <c>[CLS] text [SEP]</c>, 1 for <c>pair [SEP]</c>.</summary>
    public const string TokenTypeIds = "token_type_ids";
    public const string Logits = "logits";

    /// <summary>
    /// The second output, float [batch, hidden]: the pooled sentence vector the head reads, which embedding drift compares
    /// with the reference profile's centroid. Exports made before it have only <see cref="Logits"/> and still serve.
    /// </summary>
    public const string SentenceEmbedding = "sentence_embedding";

    /// <summary>Opset 17 is the first with LayerNormalization, which the exporter emits and ONNX Runtime fuses.</summary>
    public const int MinimumOpset = 17;

    public const string BatchAxis = "batch";
    public const string SequenceAxis = "sequence";

    /// <summary>Whether the graph classifies sentence pairs: it takes <see cref="TokenTypeIds"/>.</summary>
    public static bool TakesPairs(InferenceSession session) => session.InputMetadata.ContainsKey(TokenTypeIds);

    /// <summary>The width of the graph's <see cref="SentenceEmbedding"/> output; 0 when it has none.</summary>
    public static int EmbeddingSizeOf(InferenceSession session) =>
        session.OutputMetadata.TryGetValue(SentenceEmbedding, out var output) && output.Dimensions is [_, > 0 and var size] ? size : 0;
}
