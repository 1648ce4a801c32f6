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
        Assert.Equal("validation", card.RootElement.GetProperty("selected_on").GetString());
        Assert.True(card.RootElement.GetProperty("evaluation").GetProperty("validation").TryGetProperty("mcc", out _));
        using (var weights = File.OpenRead(Path.Combine(model, "model.safetensors")))
            Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(weights)), card.RootElement.GetProperty("model_id").GetString());
        Assert.StartsWith("sha256:", card.RootElement.GetProperty("data_fingerprint").GetString());
        Assert.Equal(Path.Combine(Dir, "outputs", latest.LinkTarget), card.RootElement.GetProperty("provenance").GetProperty("run_dir").GetString());
        using (var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(model, "config.json"))))
        {
            Assert.Equal("BertMeanPooledForSequenceClassification", config.RootElement.GetProperty("architectures")[0].GetString());
            Assert.Equal("acceptable", config.RootElement.GetProperty("id2label").GetProperty("1").GetString());
            Assert.Equal(0, config.RootElement.GetProperty("label2id").GetProperty("unacceptable").GetInt32());
        }

        var predict = await MlopsProcess.RunAsync(Dir, "predict", "the dog sleeps.", "dog the sleeps.");
        Assert.True(predict.ExitCode == 0, predict.All);
        Assert.Contains("the dog sleeps.", predict.StdOut);
        Assert.Matches("(un)?acceptable", predict.StdOut);

        var evaluate = await MlopsProcess.RunAsync(Dir, "evaluate", "--model", run);
        Assert.True(evaluate.ExitCode == 0, evaluate.All);
        Assert.Contains("validation", evaluate.StdOut);
        Assert.Contains("600", evaluate.StdOut);
    }

    [Fact]
    public async Task A_held_out_selection_slice_picks_the_model_and_validation_is_scored_once()
    {
        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "data.selection_split=0.1", "mlops.run.dir=run"]);
        Assert.True(train.ExitCode == 0, train.All);
        Assert.Contains("300 selecting the model", File.ReadAllText(Path.Combine(Dir, "run", "train.log")));
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "run", "model", "mlops.json")));
        Assert.Equal("train_slice(0.1, seed 42)", card.RootElement.GetProperty("selected_on").GetString());
        var validation = card.RootElement.GetProperty("evaluation").GetProperty("validation");
        Assert.InRange(validation.GetProperty("accuracy").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task The_model_card_records_the_git_commit_and_whether_tracked_files_changed()
    {
        async Task<string> Git(params string[] args)
        {
            using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["-C", Dir, .. args]) { RedirectStandardOutput = true })!;
            var output = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            return output.Trim();
        }
        await Git("init", "-q");
        File.WriteAllText(Path.Combine(Dir, "notes.txt"), "v1");
        await Git("add", "notes.txt");
        await Git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "v1");
        var head = await Git("rev-parse", "HEAD");

        async Task<JsonElement> Provenance(string run)
        {
            var result = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, $"mlops.run.dir={run}"]);
            Assert.True(result.ExitCode == 0, result.All);
            return JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, run, "model", "mlops.json"))).RootElement.GetProperty("provenance").Clone();
        }
        var clean = await Provenance("clean");
        Assert.Equal(head, clean.GetProperty("git_commit").GetString());
        Assert.False(clean.GetProperty("git_dirty").GetBoolean()); // its own untracked run folder does not count
        Assert.StartsWith("sha256:", clean.GetProperty("config_hash").GetString());

        File.WriteAllText(Path.Combine(Dir, "notes.txt"), "v2");
        Assert.True((await Provenance("dirty")).GetProperty("git_dirty").GetBoolean());
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
