using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Core;
using Mlops.Inference.Onnx;
using Mlops.Tests;
using Onnx;
using Mlops.Testing;

namespace Mlops.Export.Tests;

/// <summary>Every way a model folder can make ONNX Runtime predict wrong is refused with one line naming the file.</summary>
public sealed class OnnxClassifierLoadTests : TempDirectoryTest
{
    private static readonly OnnxOptions Options = new() { Threads = 1 };

    private async Task<ModelDirectory> ExportedAsync()
    {
        var directory = await TinyModelFolder.WriteAsync(Path.Combine(Dir, "model"));
        var result = await new ModelExporter(NullLogger<ModelExporter>.Instance)
            .ExportAsync(new ExportRequest(directory, Path.Combine(Dir, "served"), TextInput.FromTexts(TinyModelFolder.Sentences(20)), Options));
        Assert.True(result.Written);
        return result.Output;
    }

    private static async Task<string> RefusedAsync(ModelDirectory directory)
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => OnnxClassifier.LoadAsync(directory, Options, 8));
        Assert.Equal(ExitCodes.ModelError, error.ExitCode);
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    private static void Rewrite(ModelDirectory directory, Action<ModelProto> change)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(directory.OnnxPath));
        change(model);
        File.WriteAllBytes(directory.OnnxPath, model.ToByteArray());
    }

    [Fact]
    public async Task The_served_folder_loads_with_its_metadata_and_no_training_files()
    {
        var directory = await ExportedAsync();
        Assert.False(File.Exists(directory.WeightsPath));
        var (classifier, metadata) = await OnnxClassifier.LoadAsync(directory, Options, 8);
        using var _ = classifier;
        Assert.Equal(["unacceptable", "acceptable"], metadata.Labels);
        Assert.Equal((24, true, "mean", "none"), (metadata.MaxLength, metadata.LowerCase, metadata.Pooling, metadata.Quantization));
        Assert.Equal(await ContentHash.OfFileAsync(directory.VocabPath), metadata.VocabHash);
        Assert.Equal((await ModelCard.ReadAsync(directory.CardPath)).ModelId, metadata.ModelId);
        Assert.Equal("abc123", metadata.Provenance.GitCommit);
        Assert.Equal((await ModelCard.ReadAsync(directory.CardPath)).Provenance.DataVersions, metadata.Provenance.DataVersions);
        Assert.Equal("data/train.csv.dvc", Assert.Single(metadata.Provenance.DataVersions!).DvcFile);
        Assert.Equal(metadata.ModelId, classifier.Spec.ModelId);
        Assert.Equal(2, classifier.Predict(["w1 w2", "w3"]).Count);
    }

    [Fact]
    public async Task The_export_gives_sentence_embeddings_and_an_older_export_without_them_still_serves()
    {
        var directory = await ExportedAsync();
        var (classifier, _) = await OnnxClassifier.LoadAsync(directory, Options, 8);
        using (classifier)
        {
            Assert.Equal(TinyModelFolder.Config.HiddenSize, classifier.EmbeddingSize);
            Assert.All(classifier.Predict(["w1 w2", "w3"]), p => Assert.Equal(TinyModelFolder.Config.HiddenSize, p.Embedding?.Length));
        }
        Rewrite(directory, m => m.Graph.Output.Remove(m.Graph.Output.Single(o => o.Name == OnnxContract.SentenceEmbedding)));
        var (older, _) = await OnnxClassifier.LoadAsync(directory, Options, 8);
        using var _ = older;
        Assert.Equal(0, older.EmbeddingSize);
        Assert.All(older.Predict(["w1 w2", "w3"]), p => Assert.Null(p.Embedding));
    }

    [Fact]
    public async Task A_missing_model_onnx_names_the_export_command()
    {
        var directory = await ExportedAsync();
        File.Delete(directory.OnnxPath);
        Assert.Contains($"has no model.onnx", await RefusedAsync(directory));
    }

    [Fact]
    public async Task A_truncated_or_foreign_file_is_not_an_onnx_model()
    {
        var directory = await ExportedAsync();
        var bytes = await File.ReadAllBytesAsync(directory.OnnxPath);
        await File.WriteAllBytesAsync(directory.OnnxPath, bytes[..(bytes.Length / 2)]);
        Assert.Contains("is not an ONNX model", await RefusedAsync(directory));
        await File.WriteAllTextAsync(directory.OnnxPath, "{\"this\": \"is json\"}");
        Assert.Contains("is not an ONNX model", await RefusedAsync(directory));
    }

    [Fact]
    public async Task An_older_opset_is_refused()
    {
        var directory = await ExportedAsync();
        Rewrite(directory, m => m.OpsetImport.Single(o => o.Domain == "").Version = 13);
        Assert.Contains("uses opset 13; mlops runs opset 17 or later", await RefusedAsync(directory));
    }

    [Fact]
    public async Task Other_inputs_are_refused_naming_what_was_expected()
    {
        var directory = await ExportedAsync();
        Rewrite(directory, m =>
        {
            m.Graph.Input[1].Name = "token_type_ids";
            foreach (var node in m.Graph.Node)
                for (var i = 0; i < node.Input.Count; i++)
                    if (node.Input[i] == OnnxContract.AttentionMask) node.Input[i] = "token_type_ids";
        });
        var message = await RefusedAsync(directory);
        Assert.Contains("token_type_ids", message);
        Assert.Contains("expected input_ids and attention_mask (and token_type_ids for sentence pairs), int64 [batch, sequence]", message);
    }

    [Fact]
    public async Task Metadata_without_labels_is_refused_naming_the_key()
    {
        var directory = await ExportedAsync();
        Rewrite(directory, m => m.MetadataProps.Remove(m.MetadataProps.Single(p => p.Key == "labels")));
        Assert.Contains("has no metadata key 'labels'", await RefusedAsync(directory));
    }

    [Fact]
    public async Task Another_vocabulary_is_refused_with_both_hashes()
    {
        var directory = await ExportedAsync();
        await File.AppendAllTextAsync(directory.VocabPath, "extra\n");
        var message = await RefusedAsync(directory);
        Assert.Contains("is not the vocabulary", message);
        Assert.Contains(await ContentHash.OfFileAsync(directory.VocabPath), message);
    }

    [Fact]
    public async Task A_model_card_that_disagrees_with_the_graph_is_refused_naming_each_key()
    {
        var directory = await ExportedAsync();
        var card = JsonNode.Parse(await File.ReadAllTextAsync(directory.CardPath))!;
        card["max_length"] = 64;
        card["labels"] = new JsonArray("no", "yes");
        await File.WriteAllTextAsync(directory.CardPath, card.ToJsonString());
        var message = await RefusedAsync(directory);
        Assert.Contains("max_length: 64 in mlops.json, 24 in model.onnx", message);
        Assert.Contains("labels: no,yes in mlops.json, unacceptable,acceptable in model.onnx", message);
    }
}
