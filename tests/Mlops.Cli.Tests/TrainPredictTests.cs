using System.Text.Json;

namespace Mlops.Cli.Tests;

/// <summary>The README's main job in miniature: train on the built-in synthetic data, then evaluate and predict.</summary>
public sealed class TrainPredictTests : TempDirectoryTest
{
    [Fact]
    public async Task Train_writes_a_run_folder_that_evaluate_and_predict_find_through_latest()
    {
        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun]);
        Assert.True(train.ExitCode == 0, train.All);
        var latest = new DirectoryInfo(Path.Combine(Dir, "outputs", "latest"));
        Assert.NotNull(latest.LinkTarget);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}/\d{2}-\d{2}-\d{2}$", latest.LinkTarget);
        var run = latest.FullName;
        foreach (var file in new[] { "config.yaml", "overrides.yaml", "train.log", "metrics.jsonl" })
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} missing");
        Assert.Contains("model.hidden=32", File.ReadAllText(Path.Combine(run, "overrides.yaml")));
        Assert.Contains("hidden: 32", File.ReadAllText(Path.Combine(run, "config.yaml")));
        Assert.Contains("Training L2/H32", File.ReadAllText(Path.Combine(run, "train.log")));
        var model = Path.Combine(run, "model");
        foreach (var file in new[] { "config.json", "vocab.txt", "model.safetensors", "mlops.json" })
            Assert.True(File.Exists(Path.Combine(model, file)), $"{file} missing");
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "mlops.json")));
        Assert.Equal(["unacceptable", "acceptable"], card.RootElement.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        Assert.True(card.RootElement.GetProperty("metrics").TryGetProperty("val_mcc", out _));

        var predict = await MlopsProcess.RunAsync(Dir, "predict", "the dog sleeps.", "dog the sleeps.");
        Assert.True(predict.ExitCode == 0, predict.All);
        Assert.Contains("the dog sleeps.", predict.StdOut);
        Assert.Matches("(un)?acceptable", predict.StdOut);

        var evaluate = await MlopsProcess.RunAsync(Dir, "evaluate", "--checkpoint", run);
        Assert.True(evaluate.ExitCode == 0, evaluate.All);
        Assert.Contains("validation", evaluate.StdOut);
        Assert.Contains("600", evaluate.StdOut);
    }

    [Fact]
    public async Task Two_runs_in_the_same_second_get_two_folders()
    {
        var first = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "mlops.run.dir=runs/same"]);
        var second = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "mlops.run.dir=runs/same"]);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.All + second.All);
        Assert.True(File.Exists(Path.Combine(Dir, "runs", "same", "model", "mlops.json")));
        Assert.True(File.Exists(Path.Combine(Dir, "runs", "same-1", "model", "mlops.json")));
    }
}
