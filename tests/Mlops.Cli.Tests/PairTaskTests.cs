using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mlops.Core;
using Mlops.Inference;
using Mlops.Inference.Onnx;
using Mlops.Monitoring;
using Mlops.Serving;

namespace Mlops.Cli.Tests;

/// <summary>
/// A sentence-pair task end to end: a generated pair table trains through <c>data=table data.pair=</c>, exports through
/// the parity gate to a graph with token type ids, is served (a batch of pairs over HTTP), and predicts a file of pairs.
/// </summary>
public sealed class PairTaskTests : TempDirectoryTest
{
    private static readonly string[] Words = ["the", "cat", "dog", "house", "car", "tree", "river", "city", "green", "red", "small", "big", "old", "new", "runs", "sleeps"];

    /// <summary>
    /// Pairs labelled <c>match</c> when the second sentence says "blue", <c>differ</c> otherwise; half the <c>differ</c>
    /// rows say "blue" in the first sentence, so a model that does not tell the sentences apart gets 75 % at best. Each
    /// first sentence comes twice, once per label: only the second sentence tells them apart.
    /// </summary>
    private static List<(string First, string Second, string Label)> Pairs(int count, int seed)
    {
        var random = new Random(seed);
        string Sentence() => string.Join(' ', Enumerable.Range(0, random.Next(3, 7)).Select(_ => Words[random.Next(Words.Length)]));
        string WithBlue(string sentence)
        {
            var words = sentence.Split(' ');
            words[random.Next(words.Length)] = "blue";
            return string.Join(' ', words);
        }
        return [.. Enumerable.Range(0, count / 2).SelectMany(i =>
        {
            var first = i % 2 == 0 ? WithBlue(Sentence()) : Sentence();
            return new[] { (first, WithBlue(Sentence()), "match"), (first, Sentence(), "differ") };
        })];
    }

    private string WriteCsv(string name, IEnumerable<(string First, string Second, string Label)> rows)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllLines(path, ["sentence1,sentence2,label", .. rows.Select(r => $"{r.First},{r.Second},{r.Label}")]);
        return path;
    }

    [Fact]
    public async Task A_pair_table_trains_exports_serves_and_predicts_a_file_of_pairs()
    {
        WriteCsv("pairs.csv", Pairs(480, seed: 1));
        var held = Pairs(40, seed: 2);
        WriteCsv("held-out.csv", held);

        var train = await MlopsProcess.RunAsync(Dir, ["train", .. MlopsProcess.TinyModel, "model.dropout=0.0", "data=table", "data.path=pairs.csv",
            "data.text=[sentence1]", "data.pair=sentence2", "data.batch_size=16", "training.max_epochs=6", "training.lr=3e-3", "training.patience=0",
            "mlops.run.dir=run"]);
        Assert.True(train.ExitCode == 0, train.All);
        Assert.Contains("--text-pair", train.StdOut.Split("Next:")[^1]);
        using (var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "run", "model", "mlops.json"))))
            Assert.True(card.RootElement.GetProperty("text_pair").GetBoolean());

        var export = await MlopsProcess.RunAsync(Dir, "export", "--model", "run", "--out", "served");
        Assert.True(export.ExitCode == 0, export.All);
        Assert.Contains("(passed)", export.StdOut);
        var served = ModelDirectory.Locate(Path.Combine(Dir, "served"));
        var (onnx, _) = await OnnxClassifier.LoadAsync(served, new OnnxOptions { Threads = 1 }, 8);
        using (onnx) Assert.True(onnx.TakesPairs, "the exported graph takes token_type_ids");

        // Served: a batch of pairs, whose answers turn on the second sentence.
        string[] labels;
        await using (var app = await ServingApp.BuildAsync(new ServingOptions { ModelDir = served.Path, Port = 0, Threads = 1, MaxTexts = 64 },
            new MonitoringOptions { Stdout = false, LogDir = Path.Combine(Dir, "logs") }))
        {
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            var response = await http.PostAsJsonAsync("/v1/predict", new { texts = held.Select(p => p.First), text_pairs = held.Select(p => p.Second) });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            labels = [.. body.RootElement.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("label").GetString()!)];
            Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync("/v1/predict", new { text = held[0].First })).StatusCode);
        }
        // Every first sentence comes with both labels: above chance means the model reads the second sentence.
        var correct = labels.Zip(held, (label, pair) => label == pair.Label).Count(c => c);
        Assert.True(correct >= 0.85 * held.Count, $"{correct}/{held.Count} held-out pairs right");

        var file = await MlopsProcess.RunAsync(Dir, "predict", "--model", "served", "--input", "held-out.csv", "--column", "sentence1",
            "--pair-column", "sentence2", "--output", "predicted.csv");
        Assert.True(file.ExitCode == 0, file.All);
        var rows = await File.ReadAllLinesAsync(Path.Combine(Dir, "predicted.csv"));
        Assert.Equal("line,text,text_pair,label,score,p(differ),p(match)", rows[0]);
        Assert.Equal(held.Select(p => $"{p.First},{p.Second}"), rows.Skip(1).Select(r => string.Join(',', r.Split(',')[1..3])));
        Assert.Equal(labels, rows.Skip(1).Select(r => r.Split(',')[3]));

        // One pair as arguments (the shortest, so that its table row fits a line): the label the API gave it.
        var shortest = Enumerable.Range(0, held.Count).MinBy(i => held[i].First.Length + held[i].Second.Length);
        var one = await MlopsProcess.RunAsync(Dir, "predict", "--model", "served", held[shortest].First, "--text-pair", held[shortest].Second);
        Assert.True(one.ExitCode == 0, one.All);
        Assert.Contains($" {labels[shortest]} ", one.StdOut.Split('\n').Single(l => l.Contains(held[shortest].Second)));
        var unpaired = await MlopsProcess.RunAsync(Dir, "predict", "--model", "served", held[0].First);
        Assert.True(unpaired.ExitCode == ExitCodes.UserError, unpaired.All);
        Assert.Contains("--text-pair", unpaired.StdErr);
    }
}
