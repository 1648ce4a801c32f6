using System.Text.Json;
using Mlops.Data;
using Mlops.Data.Tokenization;
using Mlops.Model;

namespace Mlops.Cli.Tests;

/// <summary>
/// <c>mlops data check</c> through the real command tree: the default synthetic dataset, and a CoLA folder (data=cola
/// data.dir=...) with a validation sentence planted from the training file, as tables, as JSON, and with <c>--strict</c>.
/// </summary>
[Collection(InProcessMlops.Collection)]
public sealed class DataCheckCommandTests : TempDirectoryTest
{
    private const string Leaked = "The cat sat on the mat.";
    private const string Unknown = "Dogs bark 🙂.";
    private static readonly string[] TrainSentences = [Leaked, "Cats sleep.", "sat cat the."];

    private static Task<MlopsProcess.Result> CheckAsync(params string[] args) =>
        InProcessMlops.RunAsync(["data", "check", .. args, "--config-dir", InProcessMlops.ConfigDir]);

    /// <summary>A GLUE-layout CoLA folder whose dev set repeats a training sentence (in other case and spacing).</summary>
    private string[] PlantedCola()
    {
        File.WriteAllLines(Path.Combine(Dir, "train.tsv"), ["sentence\tlabel", $"{TrainSentences[0]}\t1", $"{TrainSentences[1]}\t1", $"{TrainSentences[2]}\t0"]);
        File.WriteAllLines(Path.Combine(Dir, "dev.tsv"), ["sentence\tlabel", "the cat  sat on the MAT.\t1", $"{Unknown}\t0"]);
        return ["data=cola", $"data.dir={Dir}", "data.max_length=8"];
    }

    [Fact]
    public async Task The_synthetic_dataset_is_reported_without_warnings()
    {
        var splits = await new DataOptions().Resolve().LoadAsync();
        var result = await CheckAsync();
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"Dataset 'synthetic': {splits.Train.Count:N0} training and {splits.Validation.Count:N0} validation examples", result.StdOut);
        Assert.Contains("acceptable", result.StdOut);
        Assert.Contains("conflicting labels", result.StdOut);
        Assert.Contains("No leakage and no empty class.", result.StdOut);
    }

    [Fact]
    public async Task A_planted_leak_is_a_warning_and_with_strict_a_data_error()
    {
        var overrides = PlantedCola();
        var warned = await CheckAsync(overrides);
        Assert.True(warned.ExitCode == 0, warned.All);
        Assert.Contains("warning: 1 validation example(s) also in the training split", warned.StdOut);
        Assert.Contains("\"the cat  sat on the MAT.\"", warned.StdOut);

        var strict = await CheckAsync(["--strict", .. overrides]);
        Assert.Equal(3, strict.ExitCode);
        Assert.Equal("error: Data check failed: 1 validation example(s) also in the training split.", strict.StdErr.Split('\n')[0]);
        Assert.DoesNotContain("   at ", strict.All);
    }

    [Fact]
    public async Task Json_is_one_object_on_stdout_with_the_reports_numbers()
    {
        var result = await CheckAsync(["--json", "--strict", .. PlantedCola()]);
        Assert.Equal(3, result.ExitCode);
        var json = JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Equal("cola", json.GetProperty("dataset").GetString());
        Assert.Equal(8, json.GetProperty("max_length").GetInt32());
        Assert.Equal(1, json.GetProperty("leakage").GetProperty("count").GetInt32());
        var leak = json.GetProperty("leakage").GetProperty("examples")[0];
        Assert.Equal(("validation", 1), (leak.GetProperty("part").GetString(), leak.GetProperty("row").GetInt32()));
        Assert.Equal([1, 2], json.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("train").GetInt32()));
        Assert.Equal(2.0, json.GetProperty("imbalance").GetDouble());

        // Lengths and [UNK]s as the model's tokenizer encodes each sentence on its own.
        var tokenizer = WordPieceTokenizer.FromText(EmbeddedMiniLm.ReadVocab(), "test");
        var lengths = TrainSentences.Select(s => tokenizer.Encode(s, 512).Length).ToList();
        var train = json.GetProperty("train");
        Assert.Equal(3, train.GetProperty("examples").GetInt32());
        Assert.Equal(lengths.Max(), train.GetProperty("lengths").GetProperty("max").GetInt32());
        Assert.Equal(lengths.Count(l => l > 8), train.GetProperty("lengths").GetProperty("truncated").GetInt32());
        Assert.Equal(lengths.Sum() - 2 * lengths.Count, train.GetProperty("tokens").GetInt64());
        var unknown = tokenizer.Encode(Unknown, 512).Count(id => id == tokenizer.UnknownId);
        Assert.True(unknown > 0, "the planted emoji is not in the vocabulary");
        Assert.Equal(unknown, json.GetProperty("validation").GetProperty("unknown_tokens").GetInt64());
        Assert.Equal(["1 validation example(s) also in the training split"], json.GetProperty("problems").EnumerateArray().Select(p => p.GetString()));
    }
}
