namespace Mlops.Inference.Onnx;

/// <summary>
/// The interface of an exported classifier, shared by the exporter that writes it and the loader that checks it:
/// input and output names, element types and the lowest opset, so the two cannot disagree.
/// </summary>
public static class OnnxContract
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string Logits = "logits";

    /// <summary>Opset 17 is the first with LayerNormalization, which the exporter emits and ONNX Runtime fuses.</summary>
    public const int MinimumOpset = 17;

    public const string BatchAxis = "batch";
    public const string SequenceAxis = "sequence";
}
