namespace Mlops.Export;

/// <summary>How the exported graph writes self-attention.</summary>
public enum AttentionLayout
{
    /// <summary>ONNX Runtime's <c>com.microsoft.Attention</c>: the fastest on ONNX Runtime, which is the engine mlops serves with.</summary>
    Fused,

    /// <summary>Standard ONNX operators only (MatMul, Softmax, ...), for other runtimes; ONNX Runtime 1.31 does not fuse them at opset 17.</summary>
    Standard,
}
