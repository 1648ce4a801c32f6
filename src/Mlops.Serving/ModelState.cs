using Mlops.Inference;
using Mlops.Inference.Onnx;

namespace Mlops.Serving;

/// <summary>The loaded model and whether the host takes traffic: ready after a warm-up batch, unready again once shutdown begins.</summary>
public sealed class ModelState(TextClassifier classifier, OnnxModelMetadata metadata) : IDisposable
{
    private volatile bool _ready;

    public TextClassifier Classifier { get; } = classifier;

    public OnnxModelMetadata Metadata { get; } = metadata;

    /// <summary>The content-addressed version: the first 12 hex digits of the model id (the weights' sha256).</summary>
    public string? Version => Metadata.Version;

    public bool Ready => _ready;

    /// <summary>Runs one prediction through the whole pipeline (session, buffers, JIT) and opens for traffic.</summary>
    public void WarmUp()
    {
        Classifier.WarmUp();
        _ready = true;
    }

    public void StopTakingTraffic() => _ready = false;

    public void Dispose() => Classifier.Dispose();
}
