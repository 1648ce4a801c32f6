using Mlops.Model.Bert;
using Mlops.Model.Weights;
using static TorchSharp.torch;

namespace Mlops.Model.Tests;

public class StateDictLoaderTests
{
    [Fact]
    public void Shape_mismatch_names_the_key_and_both_shapes()
    {
        using var scope = NewDisposeScope();
        using var source = TinyBert.Create();
        using var target = TinyBert.Create();
        var weights = source.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value);
        weights["bert.encoder.layer.0.attention.self.query.weight"] = zeros(32, 16);

        var error = Assert.Throws<ModelException>(() => StateDictLoader.Load(target, weights, "test.safetensors"));

        Assert.Contains("bert.encoder.layer.0.attention.self.query.weight", error.Message);
        Assert.Contains("[32, 16]", error.Message);
        Assert.Contains("[32, 32]", error.Message);
        Assert.Contains("test.safetensors", error.Message);
    }

    [Fact]
    public void Keys_without_the_bert_prefix_load_and_the_missing_head_is_reported()
    {
        using var scope = NewDisposeScope();
        using var source = TinyBert.Create(Pooling.Cls);
        using var target = TinyBert.Create(Pooling.Cls);
        var weights = source.state_dict()
            .Where(kv => kv.Key.StartsWith("bert."))
            .ToDictionary(kv => kv.Key["bert.".Length..], kv => kv.Value);
        Assert.DoesNotContain(weights.Keys, k => k.StartsWith("bert.") || k.StartsWith("classifier"));

        var report = StateDictLoader.Load(target, weights, "hub checkpoint");

        Assert.Equal("hub checkpoint", report.Origin);
        Assert.Equal(weights.Count, report.Loaded);
        Assert.Equal(["classifier.weight", "classifier.bias"], report.Initialized.OrderByDescending(n => n, StringComparer.Ordinal));
        Assert.Empty(report.Unused);
        var loaded = target.state_dict();
        foreach (var (key, tensor) in weights)
            Assert.True(TinyBert.Identical(loaded["bert." + key], tensor), key);
        var (ids, mask) = TinyBert.Batch();
        using (no_grad())
            Assert.True(TinyBert.Identical(source.Encoder.forward(ids, mask), target.Encoder.forward(ids, mask)));
    }

    [Fact]
    public void Missing_encoder_tensor_fails()
    {
        using var scope = NewDisposeScope();
        using var source = TinyBert.Create();
        using var target = TinyBert.Create();
        var weights = source.state_dict().Where(kv => kv.Key != "bert.encoder.layer.1.output.dense.weight")
            .ToDictionary(kv => kv.Key, kv => kv.Value);

        var error = Assert.Throws<ModelException>(() => StateDictLoader.Load(target, weights, "partial"));

        Assert.Contains("bert.encoder.layer.1.output.dense.weight", error.Message);
    }
}
