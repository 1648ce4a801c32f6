using Microsoft.ML.OnnxRuntime;

namespace Mlops.Inference.Onnx;

/// <summary>
/// <see cref="IClassifierEngine"/> on one ONNX Runtime session. Inputs and outputs are bound by name to the caller's
/// (pooled) memory, so a call copies nothing and allocates only the small tensor handles; the session serves
/// concurrent callers. The sentence embedding is fetched only when the graph has <see cref="OnnxContract.SentenceEmbedding"/>
/// and the caller asks for it.
/// </summary>
public sealed class OnnxClassifierEngine(InferenceSession session, int labelCount) : IClassifierEngine
{
    private static readonly string[] InputNames = [OnnxContract.InputIds, OnnxContract.AttentionMask];
    private static readonly string[] LogitsOnly = [OnnxContract.Logits];
    private static readonly string[] LogitsAndEmbedding = [OnnxContract.Logits, OnnxContract.SentenceEmbedding];
    private readonly RunOptions _runOptions = new();

    public int LabelCount { get; } = labelCount;

    public int EmbeddingSize { get; } = OnnxContract.EmbeddingSizeOf(session);

    public void Run(EngineInput input, Memory<float> logits, Memory<float> embeddings = default)
    {
        long[] shape = [input.Rows, input.Columns];
        using var ids = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.InputIds, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AttentionMask, shape);
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, logits, [input.Rows, LabelCount]);
        if (EmbeddingSize == 0 || embeddings.IsEmpty)
        {
            session.Run(_runOptions, InputNames, [ids, mask], LogitsOnly, [output]);
            return;
        }
        using var embedding = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, embeddings[..(input.Rows * EmbeddingSize)],
            [input.Rows, EmbeddingSize]);
        session.Run(_runOptions, InputNames, [ids, mask], LogitsAndEmbedding, [output, embedding]);
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        session.Dispose();
    }
}
