using Microsoft.ML.OnnxRuntime;

namespace Mlops.Inference.Onnx;

/// <summary>
/// <see cref="IClassifierEngine"/> on one ONNX Runtime session (with token type ids as a third input for a model of
/// sentence pairs). Inputs and outputs are bound by name to the caller's
/// (pooled) memory, so a call copies nothing and allocates only the small tensor handles; the session serves
/// concurrent callers. The sentence embedding is fetched only when the graph has <see cref="OnnxContract.SentenceEmbedding"/>
/// and the caller asks for it.
/// </summary>
public sealed class OnnxClassifierEngine(InferenceSession session, int labelCount) : IClassifierEngine
{
    private static readonly string[] InputNames = [OnnxContract.InputIds, OnnxContract.AttentionMask];
    private static readonly string[] PairInputNames = [OnnxContract.InputIds, OnnxContract.AttentionMask, OnnxContract.TokenTypeIds];
    private static readonly string[] LogitsOnly = [OnnxContract.Logits];
    private static readonly string[] LogitsAndEmbedding = [OnnxContract.Logits, OnnxContract.SentenceEmbedding];
    private readonly RunOptions _runOptions = new();

    public int LabelCount { get; } = labelCount;

    public int EmbeddingSize { get; } = OnnxContract.EmbeddingSizeOf(session);

    /// <summary>Whether the graph takes <see cref="OnnxContract.TokenTypeIds"/> (a model of sentence pairs).</summary>
    public bool TakesPairs { get; } = OnnxContract.TakesPairs(session);

    public void Run(EngineInput input, Memory<float> logits, Memory<float> embeddings = default)
    {
        if (input.HasTypes != TakesPairs)
            throw new ArgumentException(TakesPairs ? "The graph takes sentence pairs: the batch needs token type ids." : "The graph takes single texts: the batch has token type ids.",
                nameof(input));
        long[] shape = [input.Rows, input.Columns];
        using var ids = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.InputIds, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AttentionMask, shape);
        using var types = TakesPairs ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.TokenTypeIds, shape) : null;
        IReadOnlyCollection<OrtValue> inputs = types is null ? [ids, mask] : [ids, mask, types];
        var names = types is null ? InputNames : PairInputNames;
        using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, logits, [input.Rows, LabelCount]);
        if (EmbeddingSize == 0 || embeddings.IsEmpty)
        {
            session.Run(_runOptions, names, inputs, LogitsOnly, [output]);
            return;
        }
        using var embedding = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, embeddings[..(input.Rows * EmbeddingSize)],
            [input.Rows, EmbeddingSize]);
        session.Run(_runOptions, names, inputs, LogitsAndEmbedding, [output, embedding]);
    }

    public void Dispose()
    {
        _runOptions.Dispose();
        session.Dispose();
    }
}
