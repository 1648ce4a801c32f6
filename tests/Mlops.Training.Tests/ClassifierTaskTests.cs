using Mlops.Model.Bert;
using static TorchSharp.torch;

namespace Mlops.Training.Tests;

public class ClassifierTaskTests
{
    [Fact]
    public void Training_step_returns_a_loss_that_backpropagates_into_the_weights()
    {
        // The course's known bug: a training_step that does not return the loss trains nothing.
        using var model = TinySetup.Model();
        var task = new ClassifierTask(model);
        var batch = TinySetup.Batches(16, 3).Epoch(0).First();
        using var loss = task.TrainingStep(batch);
        Assert.True(loss.requires_grad);
        Assert.Equal(0, loss.dim());
        loss.backward();
        // Mean pooling leaves BERT's pooler unused; every other parameter must receive a gradient.
        Assert.All(model.named_parameters().Where(p => !p.name.StartsWith("bert.pooler")), p => Assert.NotNull(p.parameter.grad));
        Assert.Contains(model.parameters(), p => p.grad is not null && p.grad.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Probabilities_are_a_softmax_over_the_label_axis_not_the_batch_axis()
    {
        using var logits = tensor(new float[] { 2, 0, 0, 2, 1, 1 }, [3, 2]);
        var probabilities = BertForSequenceClassification.Probabilities(logits);
        var rowSums = probabilities.sum(1).data<float>().ToArray();
        Assert.All(rowSums, s => Assert.Equal(1f, s, 5));
        // Over the batch axis the first column would be e^2/(e^2+1+e^1), not e^2/(e^2+1).
        Assert.Equal(MathF.Exp(2) / (MathF.Exp(2) + 1), probabilities[0, 0].item<float>(), 5);
        Assert.Equal(0.5f, probabilities[2, 1].item<float>(), 5);
    }

    [Fact]
    public void Biases_and_layer_norms_get_no_weight_decay()
    {
        using var model = TinySetup.Model();
        var groups = new ClassifierTask(model).ParameterGroups(1e-3, 0.01, 1.0);
        var total = groups.Sum(g => g.Group.Parameters.Count());
        Assert.Equal(model.parameters().Count(), total);
        var decayed = groups.Where(g => g.Group.Options.weight_decay > 0).SelectMany(g => g.Group.Parameters).ToHashSet();
        var names = model.named_parameters().Where(p => decayed.Contains(p.parameter)).Select(p => p.name).ToList();
        Assert.DoesNotContain(names, n => n.EndsWith("bias") || n.Contains("LayerNorm"));
        Assert.Contains("classifier.weight", names);
    }

    [Fact]
    public void Layerwise_decay_gives_lower_layers_smaller_rates()
    {
        using var model = TinySetup.Model();
        var groups = new ClassifierTask(model).ParameterGroups(1e-3, 0.01, 0.5);
        double RateOf(string name)
        {
            var parameter = model.named_parameters().First(p => p.name == name).parameter;
            return groups.First(g => g.Group.Parameters.Contains(parameter)).BaseLr;
        }
        Assert.Equal(1e-3, RateOf("classifier.weight"), 12);
        Assert.Equal(0.5e-3, RateOf("bert.encoder.layer.1.attention.self.query.weight"), 12);
        Assert.Equal(0.25e-3, RateOf("bert.encoder.layer.0.attention.self.query.weight"), 12);
        Assert.Equal(0.125e-3, RateOf("bert.embeddings.word_embeddings.weight"), 12);
    }

    [Fact]
    public void Balanced_weights_are_inverse_class_frequency()
    {
        // 6 of class 1, 2 of class 0: 8 / (2 x 2) = 2 and 8 / (2 x 6) = 0.667.
        var weights = ClassifierTask.BalancedWeights([1, 1, 0, 1, 1, 0, 1, 1], 2);
        Assert.Equal(2f, weights[0], 5);
        Assert.Equal(8f / 12, weights[1], 5);
    }

    [Fact]
    public void Class_weights_change_the_loss()
    {
        using var model = TinySetup.Model();
        model.eval();
        var batch = TinySetup.Batches(16, 3).Epoch(0).First();
        using var plain = new ClassifierTask(model).TrainingStep(batch);
        using var weighted = new ClassifierTask(model, [5f, 0.1f]).TrainingStep(batch);
        Assert.NotEqual(plain.item<float>(), weighted.item<float>(), 3);
    }
}
