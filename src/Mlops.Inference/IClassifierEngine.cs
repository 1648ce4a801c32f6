namespace Mlops.Inference;

/// <summary>
/// What differs between inference engines (ONNX Runtime, TorchSharp): padded token ids in, logits out. Everything
/// around it (tokenizing, batching, softmax, labels) is <see cref="TextClassifier"/>'s, so the engines cannot drift apart.
/// </summary>
public interface IClassifierEngine : IDisposable
{
    /// <summary>Logits per row: the width of each row of the output.</summary>
    int LabelCount { get; }

    /// <summary>Writes logits [rows, <see cref="LabelCount"/>] for the batch into <paramref name="logits"/>; safe to call from many threads at once.</summary>
    void Run(EngineInput input, Memory<float> logits);
}
