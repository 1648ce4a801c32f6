using System.Text.Json.Nodes;
using Mlops.Core;
using Mlops.Model.Bert;
using static TorchSharp.torch;

namespace Mlops.Model.Tests;

public sealed class ClassifierStoreTests : TempDirectoryTest
{
    private static ModelCard Card(Pooling pooling, string precision = "float32") => new()
    {
        Labels = ["unacceptable", "acceptable"],
        MaxLength = 16,
        Pooling = pooling.ToString().ToLowerInvariant(),
        MatmulPrecision = precision,
        Dataset = "unit-test",
    };

    private const string Vocab = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\n";

    [Theory]
    [InlineData(Pooling.Mean)]
    [InlineData(Pooling.Cls)]
    public async Task Saved_model_loads_back_with_identical_logits(Pooling pooling)
    {
        using var scope = NewDisposeScope();
        var directory = new ModelDirectory(Path.Combine(Dir, "model"));
        using var model = TinyBert.Create(pooling);
        var (ids, mask) = TinyBert.Batch();
        Tensor expected;
        using (no_grad()) expected = model.forward(ids, mask);

        await ClassifierStore.SaveAsync(directory, model, Vocab, Card(pooling));
        var (loaded, card) = await ClassifierStore.LoadAsync(directory);
        using (loaded)
        {
            Tensor actual;
            using (no_grad()) actual = loaded.forward(ids, mask);

            Assert.Equal(model.Config, loaded.Config);
            Assert.Equal(pooling, loaded.PoolingMode);
            Assert.Equal(["unacceptable", "acceptable"], card.Labels);
            Assert.Equal(expected.shape, actual.shape);
            Assert.True(TinyBert.Identical(expected, actual), $"max abs diff {TinyBert.MaxAbsDiff(expected, actual)}");
        }
        Assert.Equal(Vocab, await File.ReadAllTextAsync(directory.VocabPath));
    }

    [Fact]
    public async Task Config_with_another_hidden_size_fails_with_a_model_exception()
    {
        using var scope = NewDisposeScope();
        var directory = new ModelDirectory(Path.Combine(Dir, "model"));
        using var model = TinyBert.Create();
        await ClassifierStore.SaveAsync(directory, model, Vocab, Card(Pooling.Mean));
        var config = JsonNode.Parse(await File.ReadAllTextAsync(directory.ConfigPath))!;
        Assert.Equal(32, (int)config["hidden_size"]!);
        config["hidden_size"] = 64;
        await File.WriteAllTextAsync(directory.ConfigPath, config.ToJsonString());

        var error = await Assert.ThrowsAsync<ModelException>(() => ClassifierStore.LoadAsync(directory));

        Assert.Contains(directory.WeightsPath, error.Message);
        Assert.Contains("H64", error.Message);
    }

    [Fact]
    public async Task Model_trained_in_bf16_loads_back_in_bf16()
    {
        using var scope = NewDisposeScope();
        var directory = new ModelDirectory(Path.Combine(Dir, "model"));
        using var model = TinyBert.Create();
        await ClassifierStore.SaveAsync(directory, model, Vocab, Card(Pooling.Mean, "bfloat16"));

        var (loaded, _) = await ClassifierStore.LoadAsync(directory);
        using (loaded) Assert.Equal(MatmulPrecision.BFloat16, loaded.Config.MatmulPrecision);
    }

    [Fact]
    public async Task Unknown_matmul_precision_in_the_card_fails_with_the_valid_values()
    {
        var directory = new ModelDirectory(Path.Combine(Dir, "model"));
        using var model = TinyBert.Create();
        await ClassifierStore.SaveAsync(directory, model, Vocab, Card(Pooling.Mean, "float8"));

        var error = await Assert.ThrowsAsync<ModelException>(() => ClassifierStore.LoadAsync(directory));

        Assert.Contains("float8", error.Message);
        Assert.Contains("bfloat16", error.Hint);
    }
}
