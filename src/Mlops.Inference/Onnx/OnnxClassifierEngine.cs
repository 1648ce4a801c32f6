using Microsoft.ML.OnnxRuntime;

namespace Mlops.Inference.Onnx;

/// <summary>
/// <see cref="IClassifierEngine"/> on one ONNX Runtime session. Inputs and outputs are bound by name to the caller's
/// (pooled) memory, so a call copies nothing and allocates only the small tensor handles; the session serves
/// concurrent callers.
/// </summary>
public sealed class OnnxClassifierEngine(InferenceSession session, int labelCount) : IClassifierEngine
{
    private static readonly string[] InputNames = [OnnxContract.InputIds, OnnxContract.AttentionMask];
    private static readonly string[] OutputNames = [OnnxContract.Logits];
    private readonly RunOptions _runOptions = new();

    public int LabelCount { get; } = labelCount;

    public void Run(EngineInput input, Memory<float> logits)
    {
        long[] shape = [input.Rows, input.Columns];
        using var ids = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.InputIds, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AttentionMask, shape);
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, logits, [input.Rows, LabelCount]);
        session.Run(_runOptions, InputNames, [ids, mask], OutputNames, [output]);
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        session.Dispose();
    }
}
