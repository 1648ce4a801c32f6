using Mlops.Testing;

namespace Mlops.Export.Tests;

public sealed class TorchClassifierEngineTests : TempDirectoryTest
{
    [Fact]
    public async Task Predicts_in_input_order_with_a_softmax_over_labels()
    {
        var directory = await TinyModelFolder.WriteAsync(Dir);
        using var classifier = await TorchClassifierEngine.LoadAsync(directory, batchSize: 2);
        string[] texts = ["w1 w2 w3 w4 w5 w6", "w7", "", "w3 w3 w9", "w10 w11"];
        var predictions = classifier.Predict(texts);
        Assert.Equal(texts, predictions.Select(p => p.Text));
        Assert.All(predictions, p =>
        {
            Assert.Equal(2, p.Probabilities.Count);
            Assert.Equal(1f, p.Probabilities.Sum(), 4);
            Assert.Equal(p.Probabilities.ToList().IndexOf(p.Probabilities.Max()), p.LabelIndex);
            Assert.Equal(classifier.LabelNames[p.LabelIndex], p.Label);
        });
        // Batching must not change a sentence's result: classifying it alone gives the same scores.
        var alone = classifier.Predict([texts[3]])[0];
        Assert.Equal(predictions[3].Probabilities[0], alone.Probabilities[0], 4);
    }
}
