namespace Mlops.Cli.Tests;

/// <summary>Week 4 end to end: train, export with the parity gate, then predict from model.onnx without libtorch.</summary>
public sealed class ExportPredictTests : TempDirectoryTest
{
    /// <summary>
    /// The native libraries the process opened, as glibc's dynamic loader reports them (<c>LD_DEBUG=libs</c> writes one
    /// "calling init" line per library it initialises), read from outside the program so nothing in it can hide a load.
    /// </summary>
    private async Task<(MlopsProcess.Result Result, string Libraries)> PredictWatchingLibrariesAsync(params string[] args)
    {
        var trace = Path.Combine(Dir, $"ld-{Guid.NewGuid():N}");
        var result = await MlopsProcess.RunAsync(Dir, new Dictionary<string, string> { ["LD_DEBUG"] = "libs", ["LD_DEBUG_OUTPUT"] = trace }, ["predict", .. args]);
        var libraries = string.Join('\n', Directory.EnumerateFiles(Dir, Path.GetFileName(trace) + ".*")
            .SelectMany(File.ReadLines).Where(l => l.Contains("calling init:")));
        return (result, libraries);
    }

    [Fact]
    public async Task Export_holds_a_model_to_the_data_it_was_trained_on_unless_told_otherwise()
    {
        // A small CoLA-layout folder (source, label, original mark, sentence): not the default synthetic set.
        var cola = Directory.CreateDirectory(Path.Combine(Dir, "cola")).FullName;
        string Rows(int count, int seed) => string.Concat(Enumerable.Range(seed, count)
            .Select(i => $"src\t{i % 2}\t{(i % 2 == 0 ? "*" : "")}\t{(i % 2 == 0 ? "dog the sleeps" : "the dog sleeps")} number {i} .\n"));
        File.WriteAllText(Path.Combine(cola, "in_domain_train.tsv"), Rows(40, 0));
        File.WriteAllText(Path.Combine(cola, "in_domain_dev.tsv"), Rows(7, 100));
        File.WriteAllText(Path.Combine(cola, "out_of_domain_dev.tsv"), Rows(6, 200));
        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun, "data=cola", $"data.dir={cola}"]);
        Assert.True(train.ExitCode == 0, train.All);

        var export = await MlopsProcess.RunAsync(Dir, "export", "--out", "served");
        Assert.True(export.ExitCode == 0, export.All);
        Assert.Contains("on 13 ", export.StdOut);
        var told = await MlopsProcess.RunAsync(Dir, "export", "--out", "served-synthetic", "data=synthetic");
        Assert.True(told.ExitCode == 0, told.All);
        Assert.DoesNotContain("on 13 ", told.StdOut);
    }

    [Fact]
    public async Task Export_then_predict_runs_onnx_runtime_and_never_loads_libtorch()
    {
        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun]);
        Assert.True(train.ExitCode == 0, train.All);
        var export = await MlopsProcess.RunAsync(Dir, "export", "--out", "served");
        Assert.True(export.ExitCode == 0, export.All);
        Assert.Contains("(passed)", export.StdOut);
        Assert.Contains("labels agree", export.StdOut);
        Assert.True(File.Exists(Path.Combine(Dir, "served", "model.onnx")));
        Assert.False(File.Exists(Path.Combine(Dir, "served", "model.safetensors")), "the serving folder carries no training weights");

        var (onnx, onnxLibraries) = await PredictWatchingLibrariesAsync("--model", "served", "the dog sleeps.");
        Assert.True(onnx.ExitCode == 0, onnx.All);
        Assert.Matches("(un)?acceptable", onnx.StdOut);
        Assert.Contains("libonnxruntime.so", onnxLibraries);
        Assert.DoesNotContain("libtorch", onnxLibraries);
        Assert.DoesNotContain("LibTorchSharp", onnxLibraries);

        // The same check sees libtorch when the torch engine runs, so its silence above means something.
        var (torch, torchLibraries) = await PredictWatchingLibrariesAsync("--engine", "torch", "the dog sleeps.");
        Assert.True(torch.ExitCode == 0, torch.All);
        Assert.Contains("libtorch_cpu.so", torchLibraries);
        Assert.Equal(Row(onnx.StdOut), Row(torch.StdOut));

        await File.WriteAllTextAsync(Path.Combine(Dir, "in.jsonl"), "{\"sentence\": \"the dog sleeps.\"}\nnot json\n{\"sentence\": \"cats sleep.\"}\n");
        var file = await MlopsProcess.RunAsync(Dir, "predict", "--model", "served", "--input", "in.jsonl", "--output", "out.csv");
        Assert.True(file.ExitCode == 3, file.All);
        Assert.Contains("Wrote 2 predictions", file.StdOut);
        Assert.Contains("line 2: not JSON", file.StdOut);
        var rows = await File.ReadAllLinesAsync(Path.Combine(Dir, "out.csv"));
        Assert.Equal("line,text,label,score,p(unacceptable),p(acceptable)", rows[0]);
        Assert.StartsWith("3,cats sleep.,", rows[2]);
    }

    /// <summary>The table row of the sentence: label and probabilities to four places, which both engines must print alike.</summary>
    private static string Row(string output) => output.Split('\n').Single(l => l.Contains("the dog sleeps."));

    [Fact]
    public async Task A_folder_without_model_onnx_is_refused_for_the_onnx_engine_with_the_export_command()
    {
        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.QuickRun]);
        Assert.True(train.ExitCode == 0, train.All);
        var predict = await MlopsProcess.RunAsync(Dir, "predict", "--engine", "onnx", "the dog sleeps.");
        Assert.Equal(4, predict.ExitCode);
        Assert.Contains("has no model.onnx", predict.All);
        Assert.Contains("mlops export --model", predict.All);
        Assert.DoesNotContain("   at ", predict.All);
    }
}
