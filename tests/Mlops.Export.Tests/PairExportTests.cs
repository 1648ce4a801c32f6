using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Core;
using Mlops.Inference.Onnx;
using Mlops.Tests;
using Mlops.Testing;
using Onnx;

namespace Mlops.Export.Tests;

public sealed class PairExportTests : TempDirectoryTest
{
    private static readonly OnnxOptions Onnx = new() { Threads = 1 };

    private static Task<ExportResult> ExportAsync(ModelDirectory source, IReadOnlyList<TextInput> sentences, bool int8 = false) =>
        new ModelExporter(NullLogger<ModelExporter>.Instance).ExportAsync(new ExportRequest(source, null, sentences, Onnx, Int8: int8));

    private static string[] Inputs(ModelDirectory directory) =>
        [.. ModelProto.Parser.ParseFrom(File.ReadAllBytes(directory.OnnxPath)).Graph.Input.Select(i => i.Name)];

    [Fact]
    public async Task A_pair_model_exports_with_token_type_ids_and_predicts_pairs_as_torchsharp_does()
    {
        var source = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"), textPair: true);
        var result = await ExportAsync(source, TinyModelFolder.Pairs(80));

        Assert.True(result.Written);
        Assert.True(result.Parity.MaxLogitDifference <= ParityGate.Float32Tolerance, $"max |logit diff| {result.Parity.MaxLogitDifference}");
        Assert.Equal(result.Parity.Sentences, result.Parity.LabelsAgreeing);
        Assert.Equal([OnnxContract.InputIds, OnnxContract.AttentionMask, OnnxContract.TokenTypeIds], Inputs(source));
        // ONNX Runtime still fuses the embeddings, now with segment ids, into one operator.
        Assert.Equal(1, result.OptimizedOperators.GetValueOrDefault("com.microsoft.EmbedLayerNormalization"));

        var (onnx, _) = await OnnxClassifier.LoadAsync(source, Onnx, batchSize: 8);
        using var _ = onnx;
        using var torch = await TorchClassifierEngine.LoadAsync(source, batchSize: 8);
        Assert.True(onnx.TakesPairs);
        Assert.True(torch.TakesPairs);
        var pairs = TinyModelFolder.Pairs(40, seed: 3);
        var expected = torch.Predict(pairs);
        var actual = onnx.Predict(pairs);
        for (var i = 0; i < pairs.Count; i++)
        {
            Assert.Equal(expected[i].Label, actual[i].Label);
            Assert.Equal(expected[i].Probabilities[1], actual[i].Probabilities[1], 5);
            Assert.Equal(pairs[i].Pair, actual[i].Pair);
        }
        // The second text counts: the same first text with another second text gets other logits.
        var swapped = onnx.Predict([new TextInput(pairs[0].Text, pairs[1].Pair)]);
        Assert.NotEqual(actual[0].Probabilities[1], swapped[0].Probabilities[1]);
    }

    [Fact]
    public async Task A_single_text_model_exports_its_two_input_graph()
    {
        var source = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"));
        Assert.True((await ExportAsync(source, TextInput.FromTexts(TinyModelFolder.Sentences(20)))).Written);
        Assert.Equal([OnnxContract.InputIds, OnnxContract.AttentionMask], Inputs(source));
        Assert.DoesNotContain(ModelProto.Parser.ParseFrom(File.ReadAllBytes(source.OnnxPath)).Graph.Initializer,
            t => t.Name == "bert.embeddings.token_type_embeddings.weight");
    }

    [Fact]
    public async Task A_pair_model_and_a_single_text_model_refuse_the_other_kind_of_input_in_one_line()
    {
        var pairSource = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "pairs"), textPair: true);
        Assert.True((await ExportAsync(pairSource, TinyModelFolder.Pairs(20))).Written);
        var (pairModel, _) = await OnnxClassifier.LoadAsync(pairSource, Onnx, batchSize: 8);
        using (pairModel)
        {
            var single = Assert.Throws<MlopsException>(() => pairModel.Predict(["w1 w2"]));
            Assert.Equal(ExitCodes.UserError, single.ExitCode);
            Assert.Contains("sentence pairs", single.Message);
            var mixed = Assert.Throws<MlopsException>(() => pairModel.Predict([new TextInput("w1", "w2"), new TextInput("w3")]));
            Assert.Contains("input 2", mixed.Message);
        }
        using var singleModel = await TorchClassifierEngine.LoadAsync(await TinyModelFolder.WriteAsync(Path.Combine(Dir, "single")), batchSize: 8);
        var pair = Assert.Throws<MlopsException>(() => singleModel.Predict([new TextInput("w1", "w2")]));
        Assert.Contains("single texts", pair.Message);
        Assert.DoesNotContain('\n', pair.Message);
    }

    [Fact]
    public async Task Exporting_a_pair_model_on_single_texts_is_refused_before_any_work()
    {
        var source = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"), textPair: true);
        var e = await Assert.ThrowsAsync<MlopsException>(() => ExportAsync(source, TextInput.FromTexts(TinyModelFolder.Sentences(20))));
        Assert.Contains(source.CardPath, e.Message);
        Assert.Contains("sentence pairs", e.Message);
        Assert.False(File.Exists(source.OnnxPath));
    }

    [Fact]
    public async Task A_card_that_disagrees_with_the_graph_on_pairs_is_refused_naming_text_pair()
    {
        var source = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"), textPair: true);
        Assert.True((await ExportAsync(source, TinyModelFolder.Pairs(20))).Written);
        await source.UpdateCardAsync(card => card with { TextPair = false });
        var e = await Assert.ThrowsAsync<MlopsException>(() => OnnxClassifier.LoadAsync(source, Onnx, batchSize: 8));
        Assert.Contains("text_pair", e.Message);
    }

    [Fact]
    public async Task The_int8_export_of_a_pair_model_keeps_the_token_type_input()
    {
        var source = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"), textPair: true);
        var result = await ExportAsync(source, TinyModelFolder.Pairs(60), int8: true);
        Assert.True(result.Written, $"int8 agreement {result.Int8?.Agreement}");
        Assert.NotNull(result.Int8);
        Assert.Equal([OnnxContract.InputIds, OnnxContract.AttentionMask, OnnxContract.TokenTypeIds], Inputs(source));
        var (onnx, metadata) = await OnnxClassifier.LoadAsync(source, Onnx, batchSize: 8);
        using var _ = onnx;
        Assert.Equal("int8", metadata.Quantization);
        Assert.Equal(10, onnx.Predict(TinyModelFolder.Pairs(10, seed: 5)).Count);
    }
}
