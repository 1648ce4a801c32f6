using Mlops.Inference.Onnx;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Core;
using Mlops.Export;
using Mlops.Model;
using Mlops.Model.Bert;

namespace Mlops.Testing;

/// <summary>A small trained-shape model folder (random weights, a made-up vocabulary) to export in tests.</summary>
public static class TinyModelFolder
{
    public static readonly string[] Words = Enumerable.Range(0, 56).Select(i => $"w{i}").ToArray();

    public static string Vocabulary => "[PAD]\n[UNK]\n[CLS]\n[SEP]\n" + string.Join('\n', Words) + "\n";

    public static BertConfig Config => new()
    {
        VocabSize = 4 + Words.Length,
        HiddenSize = 32,
        NumHiddenLayers = 2,
        NumAttentionHeads = 2,
        IntermediateSize = 64,
        MaxPositionEmbeddings = 64,
    };

    /// <summary>Sentences of 1 to 20 known words, and one with an unknown word.</summary>
    public static IReadOnlyList<string> Sentences(int count, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(i => string.Join(' ', Enumerable.Range(0, 1 + random.Next(20)).Select(_ => Words[random.Next(Words.Length)])) + (i == 3 ? " zebra" : ""))
            .ToList();
    }

    /// <summary>Sentence pairs of 1 to 20 known words each (one with an unknown word), a few long enough to be truncated.</summary>
    public static IReadOnlyList<TextInput> Pairs(int count, int seed = 7)
    {
        var first = Sentences(count, seed);
        var second = Sentences(count, seed + 1000);
        return [.. first.Zip(second, (a, b) => new TextInput(a, b))];
    }

    /// <summary>The tiny model with random weights as a model folder; with <paramref name="textPair"/> a model of sentence pairs (its card says so, its export takes token type ids).</summary>
    public static async Task<ModelDirectory> WriteAsync(string path, Pooling pooling = Pooling.Mean, int seed = 1, string precision = "float32",
        bool textPair = false)
    {
        TorchSharp.torch.manual_seed(seed);
        using var model = new BertForSequenceClassification(Config, 2, pooling);
        var directory = new ModelDirectory(path);
        var card = new ModelCard
        {
            Labels = ["unacceptable", "acceptable"],
            MaxLength = 24,
            Pooling = pooling.ToString().ToLowerInvariant(),
            TextPair = textPair,
            MatmulPrecision = precision,
            Dataset = "synthetic",
            DataFingerprint = "sha256:" + new string('d', 64),
            Provenance = new RunProvenance
            {
                GitCommit = "abc123",
                GitDirty = false,
                ConfigHash = "sha256:" + new string('c', 64),
                RunDir = "/runs/1",
                DataVersions = [new DataVersion("data/train.csv", new string('d', 32), "data/train.csv.dvc", "abc123", Dirty: false)],
            },
        };
        await ClassifierStore.SaveAsync(directory, model, Vocabulary, card);
        return directory;
    }

    /// <summary>
    /// The tiny model written to <paramref name="dir"/>/model and exported through the real export (parity gate
    /// included) to <paramref name="dir"/>/served, on one thread: the folder the serving and Lambda tests serve; with
    /// <paramref name="textPair"/> a model of sentence pairs (random weights: its answers have the shapes of a pair model's, and depend on both texts).
    /// </summary>
    public static async Task<ModelDirectory> ExportServedAsync(string dir, bool textPair = false)
    {
        TorchSharp.torch.set_num_threads(1);
        var source = await WriteAsync(Path.Combine(dir, "model"), textPair: textPair);
        var parity = textPair ? Pairs(20) : TextInput.FromTexts(Sentences(20));
        var exported = await new ModelExporter(NullLogger<ModelExporter>.Instance)
            .ExportAsync(new ExportRequest(source, Path.Combine(dir, "served"), parity, new OnnxOptions { Threads = 1 }));
        if (!exported.Written) throw new InvalidOperationException("The tiny model's export was not written: its parity gate failed.");
        return exported.Output;
    }
}
