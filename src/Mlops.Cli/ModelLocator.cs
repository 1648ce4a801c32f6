using Mlops.Core;

namespace Mlops.Cli;

/// <summary>
/// Accepts either a model folder or a run folder (whose best model is in <c>model/</c>); each loader then checks the
/// folder holds what it needs (trained weights for TorchSharp, <c>model.onnx</c> for ONNX Runtime).
/// </summary>
public static class ModelLocator
{
    public static ModelDirectory Find(string path)
    {
        var nested = new ModelDirectory(Path.Combine(path, "model"));
        return (File.Exists(nested.CardPath) || File.Exists(nested.OnnxPath) ? nested : new ModelDirectory(path)).EnsureExists();
    }
}
