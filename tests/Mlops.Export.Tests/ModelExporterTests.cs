using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Core;
using Mlops.Inference.Onnx;
using Mlops.Model.Bert;
using Mlops.Tests;
using Mlops.Export;
using Mlops.Testing;

namespace Mlops.Export.Tests;

public sealed class ModelExporterTests : TempDirectoryTest
{
    private static readonly OnnxOptions Onnx = new() { Threads = 1 };

    private static Task<ExportResult> ExportAsync(ModelDirectory source, string? output = null, AttentionLayout attention = AttentionLayout.Fused) =>
        new ModelExporter(NullLogger<ModelExporter>.Instance).ExportAsync(new ExportRequest(source, output, TextInput.FromTexts(TinyModelFolder.Sentences(80)), Onnx, attention));

    [Theory]
    [InlineData(Pooling.Mean, AttentionLayout.Fused)]
    [InlineData(Pooling.Cls, AttentionLayout.Fused)]
    [InlineData(Pooling.Mean, AttentionLayout.Standard)]
    [InlineData(Pooling.Cls, AttentionLayout.Standard)]
    public async Task The_export_predicts_what_the_trained_model_predicts(Pooling pooling, AttentionLayout attention)
    {
        var source = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"), pooling);
        var result = await ExportAsync(source, attention: attention);

        Assert.True(result.Written);
        Assert.True(result.Parity.MaxLogitDifference <= 1e-4, $"max |logit diff| {result.Parity.MaxLogitDifference}");
        Assert.InRange(result.Parity.MaxEmbeddingDifference, 1e-12, 1e-4);
        Assert.Equal(result.Parity.Sentences, result.Parity.LabelsAgreeing);
        Assert.True(File.Exists(source.OnnxPath));
        var (onnx, metadata) = await OnnxClassifier.LoadAsync(source, Onnx, batchSize: 8);
        using var _ = onnx;
        using var torch = await TorchClassifierEngine.LoadAsync(source, batchSize: 8);
        var sentences = TinyModelFolder.Sentences(40, seed: 3);
        var expected = torch.Predict(sentences);
        var actual = onnx.Predict(sentences);
        for (var i = 0; i < sentences.Count; i++)
        {
            Assert.Equal(expected[i].Label, actual[i].Label);
            Assert.Equal(expected[i].Probabilities[1], actual[i].Probabilities[1], 5);
            Assert.Equal(TinyModelFolder.Config.HiddenSize, actual[i].Embedding!.Length);
            var embeddingDifference = expected[i].Embedding!.Zip(actual[i].Embedding!, (e, a) => Math.Abs(e - a)).Max();
            Assert.True(embeddingDifference <= 1e-4, $"max |embedding diff| {embeddingDifference}");
        }
        Assert.Equal(pooling.ToString().ToLowerInvariant(), metadata.Pooling);
    }

    [Fact]
    public async Task Onnx_runtime_fuses_the_whole_encoder_at_load()
    {
        var source = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"));
        var operators = (await ExportAsync(source)).OptimizedOperators;
        var layers = TinyModelFolder.Config.NumHiddenLayers;
        Assert.Equal(1, operators.GetValueOrDefault("com.microsoft.EmbedLayerNormalization"));
        Assert.Equal(layers, operators.GetValueOrDefault("com.microsoft.Attention"));
        Assert.Equal(2 * layers, operators.GetValueOrDefault("com.microsoft.SkipLayerNormalization"));
        Assert.Equal(layers, operators.GetValueOrDefault("com.microsoft.BiasGelu"));
        Assert.False(operators.ContainsKey("LayerNormalization"), string.Join(", ", operators.Keys));
        Assert.False(operators.ContainsKey("Erf"));
    }

    [Fact]
    public async Task The_portable_graph_uses_standard_operators_and_still_fuses_layer_norm_and_gelu()
    {
        var source = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"));
        var operators = (await ExportAsync(source, attention: AttentionLayout.Standard)).OptimizedOperators;
        var layers = TinyModelFolder.Config.NumHiddenLayers;
        var written = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(source.OnnxPath));
        Assert.All(written.Graph.Node, n => Assert.Equal("", n.Domain));
        Assert.Equal(layers, operators.GetValueOrDefault("Softmax"));
        // Two per layer, and the embeddings' word + position sum with its LayerNorm.
        Assert.Equal(2 * layers + 1, operators.GetValueOrDefault("com.microsoft.SkipLayerNormalization"));
        Assert.Equal(layers, operators.GetValueOrDefault("com.microsoft.BiasGelu"));
    }

    [Fact]
    public async Task One_onnx_session_serves_concurrent_callers_and_a_warm_call_copies_no_batch()
    {
        var source = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"));
        Assert.True((await ExportAsync(source)).Written);
        var (classifier, _) = await OnnxClassifier.LoadAsync(source, Onnx, batchSize: 8);
        using var _ = classifier;
        var inputs = Enumerable.Range(0, 12).Select(seed => TinyModelFolder.Sentences(30, seed)).ToList();
        var sequential = inputs.Select(t => classifier.Predict(t)).ToList();
        var concurrent = new IReadOnlyList<Prediction>[inputs.Count];
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = 6 }, i => concurrent[i] = classifier.Predict(inputs[i]));
        for (var i = 0; i < inputs.Count; i++)
            Assert.Equal(sequential[i].Select(p => p.Probabilities[1]), concurrent[i].Select(p => p.Probabilities[1]));

        // The engine binds the caller's memory: a call allocates small handles only, not a copy of its 32 x 24 batch.
        using var engine = new OnnxClassifierEngine(new Microsoft.ML.OnnxRuntime.InferenceSession(source.OnnxPath, OnnxClassifier.SessionOptions(Onnx)), 2);
        var ids = new long[32 * 24];
        Array.Fill(ids, 5);
        var mask = Enumerable.Repeat(1L, ids.Length).ToArray();
        var logits = new float[64];
        var input = new Mlops.Inference.EngineInput(ids, mask, 32, 24);
        for (var i = 0; i < 5; i++) engine.Run(input, logits);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) engine.Run(input, logits);
        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.True(perCall < ids.Length * sizeof(long), $"{perCall} bytes allocated per call");
    }
}
