using Mlops.Model.Bert;
using static TorchSharp.torch;

namespace Mlops.Model.Tests;

public class StateDictTests
{
    [Fact]
    public void State_dict_has_each_parameter_once_with_hugging_face_names()
    {
        using var scope = NewDisposeScope();
        var config = TinyBert.Config;
        using var model = TinyBert.Create();

        var names = model.named_parameters().Select(p => p.name).ToList();
        var keys = model.state_dict().Keys.ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(keys.Count, keys.Distinct().Count());
        // embeddings 5 + 16 per layer + pooler 2 + classifier 2; no buffers.
        Assert.Equal(5 + 16 * config.NumHiddenLayers + 2 + 2, keys.Count);
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Contains("bert.encoder.layer.0.attention.self.query.weight", keys);
        Assert.Contains("bert.encoder.layer.1.attention.output.LayerNorm.weight", keys);
        Assert.Contains("bert.encoder.layer.1.output.LayerNorm.bias", keys);
        Assert.Contains("bert.embeddings.LayerNorm.weight", keys);
        Assert.Contains("bert.pooler.dense.weight", keys);
        Assert.Contains("classifier.bias", keys);
    }

    [Fact]
    public void Parameter_count_matches_the_bert_formula()
    {
        using var scope = NewDisposeScope();
        var c = TinyBert.Config;
        using var model = TinyBert.Create(labels: 3);
        long h = c.HiddenSize, i = c.IntermediateSize;
        var embeddings = (c.VocabSize + c.MaxPositionEmbeddings + c.TypeVocabSize) * h + 2 * h;
        var layer = 4 * (h * h + h) + 2 * 2 * h + (h * i + i) + (i * h + h);
        var expected = embeddings + c.NumHiddenLayers * layer + (h * h + h) + (h * 3 + 3);

        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
    }
}
