using System.Runtime.CompilerServices;
using Mlops.Cli.Configuration;
using Mlops.Core;
using Mlops.Inference;
using Mlops.Inference.Onnx;
using Mlops.Export;

namespace Mlops.Cli;

/// <summary>
/// Opens a model folder with the chosen engine. The ONNX path never touches a TorchSharp type, so predicting from an
/// export never loads libtorch (a CLI test checks the process's loaded libraries).
/// </summary>
public static class ClassifierLoader
{
    public static async Task<TextClassifier> LoadAsync(ModelDirectory directory, InferenceEngine engine, ServingOptions serving, CancellationToken cancellationToken)
    {
        var onnx = engine == InferenceEngine.Onnx || (engine == InferenceEngine.Auto && File.Exists(directory.OnnxPath));
        // Only here is there another engine to offer: the serving hosts run ONNX Runtime alone.
        if (onnx && !File.Exists(directory.OnnxPath)) throw OnnxClassifier.NoExport(directory, ", or run its trained weights with --engine torch");
        return onnx
            ? (await OnnxClassifier.LoadAsync(directory, serving.Onnx, serving.BatchSize, cancellationToken)).Classifier
            : await LoadTorchAsync(directory, serving.BatchSize, cancellationToken);
    }

    // Kept out of line: compiling the caller must not resolve TorchSharp types.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<TextClassifier> LoadTorchAsync(ModelDirectory directory, int batchSize, CancellationToken cancellationToken) =>
        TorchClassifierEngine.LoadAsync(directory, batchSize, cancellationToken: cancellationToken);
}
