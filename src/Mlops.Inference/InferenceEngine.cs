namespace Mlops.Inference;

/// <summary>Which engine runs a saved model: ONNX Runtime on the export, or TorchSharp on the trained weights.</summary>
public enum InferenceEngine
{
    Auto,
    Onnx,
    Torch,
}
