using System.Text.Json;
using Mlops.Core;
using Mlops.Data.Tokenization;
using Mlops.Inference.Files;
using Mlops.Tests;

namespace Mlops.Inference.Tests;

public sealed class BatchPredictionTests : TempDirectoryTest
{
    private static readonly WordPieceTokenizer Tokenizer = WordPieceTokenizer.FromText("[PAD]\n[UNK]\n[CLS]\n[SEP]\nw0\nw1\nw2\n", "test");

    private static TextClassifier Classifier(bool pairs = false) =>
        new(new CountingEngine(), Tokenizer, new ClassifierSpec(["a", "b", "c"], 8, null, pairs), batchSize: 3);

    [Fact]
    public async Task Every_readable_row_is_written_in_order_with_its_line_across_chunks()
    {
        var input = Path.Combine(Dir, "in.txt");
        var lines = Enumerable.Range(0, BatchPrediction.ChunkRows + 5).Select(i => string.Join(' ', Enumerable.Repeat("w1", i % 5 + 1))).ToList();
        await File.WriteAllLinesAsync(input, lines);
        var output = Path.Combine(Dir, "out.jsonl");
        using var classifier = Classifier();
        var summary = await BatchPrediction.RunAsync(classifier, input, output, InputColumns.Default);

        Assert.Equal(lines.Count, summary.Predicted);
        var records = File.ReadLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => (long)i), records.Select(r => r.GetProperty("line").GetInt64()));
        Assert.Equal(lines, records.Select(r => r.GetProperty("text").GetString()));
        var expected = classifier.Predict(lines);
        Assert.Equal(expected.Select(p => p.Label), records.Select(r => r.GetProperty("label").GetString()));
        Assert.Equal(expected.Count(p => p.Label == "a"), summary.ByLabel["a"]);
    }

    [Fact]
    public async Task Csv_output_has_a_probability_column_per_label_and_unreadable_rows_are_counted()
    {
        var input = Path.Combine(Dir, "in.jsonl");
        await File.WriteAllTextAsync(input, "{\"sentence\":\"w0, w1\"}\nbroken\n{\"sentence\":\"w2\"}\n");
        var output = Path.Combine(Dir, "out.csv");
        using var classifier = Classifier();
        var summary = await BatchPrediction.RunAsync(classifier, input, output, InputColumns.Default);
        Assert.Equal((2L, 1L), (summary.Predicted, summary.Unreadable));
        Assert.Equal(2, Assert.Single(summary.FirstUnreadable).Line);
        var written = await File.ReadAllLinesAsync(output);
        Assert.Equal("line,text,label,score,p(a),p(b),p(c)", written[0]);
        Assert.StartsWith("1,\"w0, w1\",", written[1]);
        Assert.StartsWith("3,w2,", written[2]);
    }

    [Fact]
    public async Task A_failed_run_leaves_no_partial_output_and_the_previous_file_intact()
    {
        var input = Path.Combine(Dir, "in.csv");
        await File.WriteAllTextAsync(input, "id,text\n1,w0\n");
        var output = Path.Combine(Dir, "out.jsonl");
        await File.WriteAllTextAsync(output, "previous\n");
        using var classifier = Classifier();
        await Assert.ThrowsAsync<MlopsException>(() => BatchPrediction.RunAsync(classifier, input, output, InputColumns.Default));
        Assert.Equal("previous\n", await File.ReadAllTextAsync(output));
        Assert.Single(Directory.EnumerateFiles(Dir, "out.jsonl*"));
    }

    [Fact]
    public async Task A_pair_model_reads_the_text_pair_column_and_writes_both_texts()
    {
        var input = Path.Combine(Dir, "in.csv");
        await File.WriteAllTextAsync(input, "sentence,text_pair\nw0,w1 w1\nw0,w2\n");
        using var classifier = Classifier(pairs: true);
        var expected = classifier.Predict([new TextInput("w0", "w1 w1"), new TextInput("w0", "w2")]);
        Assert.NotEqual(expected[0].Probabilities, expected[1].Probabilities); // the engine sees the second texts

        var csv = Path.Combine(Dir, "out.csv");
        Assert.Equal(2, (await BatchPrediction.RunAsync(classifier, input, csv, InputColumns.Default)).Predicted);
        var written = await File.ReadAllLinesAsync(csv);
        Assert.Equal("line,text,text_pair,label,score,p(a),p(b),p(c)", written[0]);
        Assert.StartsWith($"2,w0,w1 w1,{expected[0].Label},", written[1]);
        var jsonl = new StringWriter();
        await BatchPrediction.RunAsync(classifier, input, jsonl, InputColumns.Default);
        var records = jsonl.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["w1 w1", "w2"], records.Select(r => r.GetProperty("text_pair").GetString()));
        Assert.Equal(expected.Select(p => p.Probabilities[2]), records.Select(r => r.GetProperty("probabilities").GetProperty("c").GetSingle()));
    }

    [Fact]
    public async Task A_single_text_model_is_refused_a_pair_column_and_writes_no_text_pair()
    {
        var input = Path.Combine(Dir, "in.jsonl");
        await File.WriteAllTextAsync(input, "{\"sentence\":\"w0\",\"text_pair\":\"w1\"}\n");
        using var classifier = Classifier();
        var error = await Assert.ThrowsAsync<MlopsException>(() => BatchPrediction.RunAsync(classifier, input, Path.Combine(Dir, "out.csv"), new InputColumns(["sentence"], Pair: "text_pair")));
        Assert.Equal(ExitCodes.UserError, error.ExitCode);
        Assert.Contains("--pair-column", error.Message);
        var jsonl = new StringWriter();
        await BatchPrediction.RunAsync(classifier, input, jsonl, InputColumns.Default);
        Assert.False(JsonDocument.Parse(jsonl.ToString()).RootElement.TryGetProperty("text_pair", out _));
    }
}
