using System.Text.Json;

namespace Mlops.Cli.Tests;

/// <summary>The README's main job in miniature: train on the built-in synthetic data, then evaluate and predict.</summary>
public sealed class TrainPredictTests : TempDirectoryTest
{
    [Fact]
    public async Task Train_writes_a_model_folder_that_evaluate_and_predict_use()
    {
        var train = await MlopsProcess.RunAsync(Dir, "train", "--layers", "2", "--hidden", "32", "--heads", "2", "--intermediate", "64",
            "--epochs", "1", "--limit-train-batches", "4", "--limit-val-batches", "2", "--output", "run");
        Assert.True(train.ExitCode == 0, train.All);
        var model = Path.Combine(Dir, "run", "model");
        foreach (var file in new[] { "config.json", "vocab.txt", "model.safetensors", "mlops.json" })
            Assert.True(File.Exists(Path.Combine(model, file)), $"{file} missing");
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "mlops.json")));
        Assert.Equal(["unacceptable", "acceptable"], card.RootElement.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        Assert.True(card.RootElement.GetProperty("metrics").TryGetProperty("val_mcc", out _));

        var predict = await MlopsProcess.RunAsync(Dir, "predict", "--model", "run", "the dog sleeps.", "dog the sleeps.");
        Assert.True(predict.ExitCode == 0, predict.All);
        Assert.Contains("the dog sleeps.", predict.StdOut);
        Assert.Matches("(un)?acceptable", predict.StdOut);

        var evaluate = await MlopsProcess.RunAsync(Dir, "evaluate", "--checkpoint", "run");
        Assert.True(evaluate.ExitCode == 0, evaluate.All);
        Assert.Contains("validation", evaluate.StdOut);
        Assert.Contains("600", evaluate.StdOut);
    }
}
