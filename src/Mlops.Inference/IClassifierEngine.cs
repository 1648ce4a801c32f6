namespace Mlops.Inference;

/// <summary>
/// What differs between inference engines (ONNX Runtime, TorchSharp): padded token ids in, logits (and the pooled sentence
/// embeddings, where the model gives them) out. Everything around it (tokenizing, batching, softmax, labels) is
/// <see cref="TextClassifier"/>'s, so the engines cannot drift apart.
/// </summary>
public interface IClassifierEngine : IDisposable
{
    /// <summary>Logits per row: the width of each row of the output.</summary>
    int LabelCount { get; }

    /// <summary>The width of a row's sentence embedding (the pooled vector the head reads); 0 when the engine gives none (an export made before it had one).</summary>
    int EmbeddingSize { get; }

    /// <summary>
    /// Writes logits [rows, <see cref="LabelCount"/>] for the batch into <paramref name="logits"/>, and, when
    /// <paramref name="embeddings"/> is not empty and <see cref="EmbeddingSize"/> is not 0, the sentence embeddings
    /// [rows, <see cref="EmbeddingSize"/>] into it; safe to call from many threads at once.
    /// </summary>
    void Run(EngineInput input, Memory<float> logits, Memory<float> embeddings = default);
}
