using Mlops.Model.Bert;
using Mlops.Model.Weights;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Mlops.Model.Tests;

/// <summary>
/// A Hugging Face model folder written the way transformers writes one (config.json with HF keys, weights
/// keyed "bert.*" in safetensors or a pickled pytorch_model.bin) loads into our classifier unchanged.
/// </summary>
public sealed class HuggingFaceFolderTests : TempDirectoryTest
{
    private async Task<BertForSequenceClassification> WriteFolderAsync(bool safetensors)
    {
        manual_seed(4);
        var source = TinyBert.Create(Pooling.Cls);
        await TinyBert.Config.WriteAsync(Path.Combine(Dir, "config.json"));
        // Only the encoder, as a pretrained BertModel checkpoint has: the classification head is new.
        var weights = source.state_dict().Where(kv => kv.Key.StartsWith("bert.")).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (safetensors) Safetensors.SaveStateDict(Path.Combine(Dir, "model.safetensors"), weights);
        else PyTorchPickler.PickleStateDict(Path.Combine(Dir, "pytorch_model.bin"), weights);
        return source;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Loads_the_encoder_and_reports_the_fresh_head(bool safetensors)
    {
        using var source = await WriteFolderAsync(safetensors);
        var folder = new HuggingFaceFolder(Dir);
        var config = await folder.ReadConfigAsync();
        Assert.Equal(TinyBert.Config.Describe(), config.Describe());
        using var target = TinyBert.Create(Pooling.Cls, config: config);
        var report = folder.LoadInto(target);
        Assert.Equal(["classifier.weight", "classifier.bias"], report.Initialized);
        var (ids, mask) = TinyBert.Batch();
        using var expected = source.Encoder.forward(ids, mask);
        using var actual = target.Encoder.forward(ids, mask);
        Assert.True(TinyBert.Identical(expected, actual));
    }

    [Fact]
    public async Task Folder_without_weights_names_the_expected_files()
    {
        await TinyBert.Config.WriteAsync(Path.Combine(Dir, "config.json"));
        using var model = TinyBert.Create();
        var e = Assert.Throws<ModelException>(() => new HuggingFaceFolder(Dir).LoadInto(model));
        Assert.Contains("model.safetensors or pytorch_model.bin", e.Hint);
    }

    [Fact]
    public async Task Missing_folder_is_a_model_error()
    {
        var e = await Assert.ThrowsAsync<ModelException>(() => new HuggingFaceFolder(Path.Combine(Dir, "nope")).ReadConfigAsync());
        Assert.Contains("does not exist", e.Message);
    }
}
