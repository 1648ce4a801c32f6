namespace Mlops.Core;

/// <summary>
/// Texts in, labels and scores out. TorchSharp implements it now and ONNX Runtime will later, so
/// serving and monitoring never depend on the training engine.
/// </summary>
public interface ITextClassifier : IDisposable
{
    IReadOnlyList<string> LabelNames { get; }

    IReadOnlyList<Prediction> Predict(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
