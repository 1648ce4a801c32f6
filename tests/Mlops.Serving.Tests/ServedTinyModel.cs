using Mlops.Core;
using Mlops.Inference.Onnx;
using Mlops.Monitoring.Drift;
using Mlops.Testing;

namespace Mlops.Serving.Tests;

/// <summary>The tiny model exported, with a reference profile of its own predictions on the test vocabulary (sentence embeddings included).</summary>
public static class ServedTinyModel
{
    public static async Task<ModelDirectory> WithProfileAsync(string dir)
    {
        var served = await TinyModelFolder.ExportServedAsync(dir);
        var (classifier, _) = await OnnxClassifier.LoadAsync(served, new OnnxOptions { Threads = 1 }, 32, CancellationToken.None);
        using (classifier)
        {
            var predictions = classifier.Predict(TinyModelFolder.Sentences(400, seed: 3));
            await ReferenceProfile.From(classifier.LabelNames, [.. predictions.Select(PredictionObservation.From)], "test sentences")
                .WriteAsync(served.ProfilePath, CancellationToken.None);
        }
        return served;
    }
}
