using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Core;
using Mlops.Inference;
using Mlops.Inference.Onnx;
using Mlops.Tests;
using Onnx;
using Mlops.Testing;

namespace Mlops.Export.Tests;

public sealed class Int8QuantizerTests : TempDirectoryTest
{
    private async Task<(ModelProto Float32, ModelProto Int8)> ExportedAsync()
    {
        var source = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"));
        var result = await new ModelExporter(NullLogger<ModelExporter>.Instance)
            .ExportAsync(new ExportRequest(source, null, TextInput.FromTexts(TinyModelFolder.Sentences(40)), new OnnxOptions { Threads = 1 }));
        Assert.True(result.Written);
        var float32 = ModelProto.Parser.ParseFrom(File.ReadAllBytes(source.OnnxPath));
        return (float32, Int8Quantizer.Quantize(float32));
    }

    [Fact]
    public async Task Every_weight_matrix_becomes_int8_and_onnx_runtime_fuses_the_quantised_operators()
    {
        var (float32, int8) = await ExportedAsync();
        var layers = TinyModelFolder.Config.NumHiddenLayers;
        Assert.DoesNotContain(int8.Graph.Node, n => n.OpType is "MatMul" or "Attention");
        // Per layer the attention output and the two feed-forward projections; then the classifier (mean pooling has no pooler).
        Assert.Equal(3 * layers + 1, int8.Graph.Node.Count(n => n.OpType == "MatMulInteger"));
        Assert.Equal(layers, int8.Graph.Node.Count(n => n.OpType == "QAttention"));
        Assert.All(int8.Graph.Initializer.Where(t => t.Name.EndsWith("_quantized")), t => Assert.Equal((int)TensorProto.Types.DataType.Int8, t.DataType));
        // One byte per weight instead of four (embeddings, biases and LayerNorms stay float32).
        var originals = float32.Graph.Initializer.ToDictionary(t => t.Name);
        Assert.All(int8.Graph.Initializer.Where(t => t.Name.EndsWith("_quantized")),
            t => Assert.Equal(originals[t.Name[..^"_quantized".Length]].RawData.Length, 4 * t.RawData.Length));
        Assert.True(int8.CalculateSize() < float32.CalculateSize());
        Assert.Equal("int8", int8.MetadataProps.Single(p => p.Key == OnnxModelMetadata.QuantizationKey).Value);
        Assert.Equal("none", float32.MetadataProps.Single(p => p.Key == OnnxModelMetadata.QuantizationKey).Value);

        var path = Path.Combine(Dir, "int8.onnx");
        using (var options = OnnxClassifier.SessionOptions(new OnnxOptions { Threads = 1 }))
        {
            options.OptimizedModelFilePath = path;
            using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(int8.ToByteArray(), options);
        }
        var optimized = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)).Graph.Node.Select(n => n.OpType).ToList();
        Assert.Equal(layers, optimized.Count(op => op == "QAttention"));
        Assert.Contains("DynamicQuantizeMatMul", optimized);
        Assert.DoesNotContain("MatMulInteger", optimized);
    }

    [Fact]
    public async Task The_int8_graph_computes_nearly_the_float32_logits()
    {
        var (float32, int8) = await ExportedAsync();
        using var options = OnnxClassifier.SessionOptions(new OnnxOptions { Threads = 1 });
        using var reference = new OnnxClassifierEngine(new Microsoft.ML.OnnxRuntime.InferenceSession(float32.ToByteArray(), options), 2);
        using var candidate = new OnnxClassifierEngine(new Microsoft.ML.OnnxRuntime.InferenceSession(int8.ToByteArray(), options), 2);
        var tokenizer = Mlops.Data.Tokenization.WordPieceTokenizer.FromText(TinyModelFolder.Vocabulary, "test");
        var report = ParityGate.Check(reference, candidate, tokenizer, 24, TextInput.FromTexts(TinyModelFolder.Sentences(64)), double.PositiveInfinity, 0);
        Assert.InRange(report.MaxLogitDifference, 1e-7, 0.05);
    }

    [Fact]
    public async Task A_recipe_keeps_attention_and_chosen_layers_in_float32()
    {
        var (float32, _) = await ExportedAsync();
        var int8 = Int8Quantizer.Quantize(float32, recipe: new Int8Recipe(Attention: false, FloatLayers: [0]));
        var layers = TinyModelFolder.Config.NumHiddenLayers;
        Assert.Equal(layers, int8.Graph.Node.Count(n => n.OpType == "Attention"));
        Assert.DoesNotContain(int8.Graph.Node, n => n.OpType == "QAttention");
        Assert.All(int8.Graph.Node.Where(n => n.Name.StartsWith("bert.encoder.layer.0.") && n.Name.EndsWith("/MatMul")), n => Assert.Equal("MatMul", n.OpType));
        // Layer 1's three projections and the classifier are still int8.
        Assert.Equal(3 * (layers - 1) + 1, int8.Graph.Node.Count(n => n.OpType == "MatMulInteger"));
        Assert.Equal("attention and layer 0 float32", new Int8Recipe(false, [0]).Describe());
    }

    [Fact]
    public async Task Calibrated_smoothing_measures_every_weighted_input_and_keeps_the_logits_close()
    {
        var (float32, plain) = await ExportedAsync();
        var tokenizer = Mlops.Data.Tokenization.WordPieceTokenizer.FromText(TinyModelFolder.Vocabulary, "test");
        var ranges = Int8Calibration.Measure(float32, tokenizer, 24, TextInput.FromTexts(TinyModelFolder.Sentences(64, seed: 11)), new OnnxOptions { Threads = 1 });
        Assert.Equal(Int8Quantizer.WeightedInputs(float32).Count, ranges.Count);
        Assert.All(ranges.Values, r => Assert.Contains(r, v => v > 0));
        var smoothed = Int8Quantizer.Quantize(float32, ranges);
        var layers = TinyModelFolder.Config.NumHiddenLayers;
        Assert.Equal(3 * layers + 1 + layers, smoothed.Graph.Node.Count(n => n.OpType == "Mul" && n.Name.EndsWith("_smooth")));

        using var options = OnnxClassifier.SessionOptions(new OnnxOptions { Threads = 1 });
        using var reference = new OnnxClassifierEngine(new Microsoft.ML.OnnxRuntime.InferenceSession(float32.ToByteArray(), options), 2);
        using var candidate = new OnnxClassifierEngine(new Microsoft.ML.OnnxRuntime.InferenceSession(smoothed.ToByteArray(), options), 2);
        var report = ParityGate.Check(reference, candidate, tokenizer, 24, TextInput.FromTexts(TinyModelFolder.Sentences(64)), double.PositiveInfinity, 0);
        Assert.InRange(report.MaxLogitDifference, 1e-7, 0.05);
        Assert.NotEqual(plain.ToByteArray(), smoothed.ToByteArray());
    }
}
