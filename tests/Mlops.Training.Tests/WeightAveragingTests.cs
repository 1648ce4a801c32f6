using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Metrics;
using Mlops.Training.Callbacks;
using static TorchSharp.torch;

namespace Mlops.Training.Tests;

public sealed class WeightAveragingTests
{
    private static ValidationResult AtEpoch(int epoch) => new(epoch, 0, new Dictionary<string, double>(), new ConfusionMatrix(2));

    private static void Fill(nn.Module model, float value)
    {
        using var _ = no_grad();
        foreach (var (_, weight) in model.state_dict())
            if (weight.is_floating_point()) weight.fill_(value);
    }

    [Fact]
    public void Average_is_the_mean_of_the_checkpoints_from_the_start_epoch_on()
    {
        using var model = TinySetup.Model();
        using var averaging = new WeightAveraging(model, fromEpoch: 2);
        var trainer = new Trainer(new TrainerOptions(), [], NullLogger.Instance);

        Fill(model, 100f);
        averaging.OnValidationEnd(trainer, AtEpoch(0)); // epoch 1: before the start, ignored
        Fill(model, 1f);
        averaging.OnValidationEnd(trainer, AtEpoch(1));
        Fill(model, 2f);
        averaging.OnValidationEnd(trainer, AtEpoch(1));
        Fill(model, 6f);
        averaging.OnValidationEnd(trainer, AtEpoch(2));
        Fill(model, -5f);

        averaging.LoadAverageInto(model);

        Assert.Equal(3, averaging.Count);
        foreach (var (name, weight) in model.state_dict())
            if (weight.is_floating_point())
                Assert.True(weight.allclose(full_like(weight, 3f)), $"{name} is not the mean 3");
    }

    [Fact]
    public void Loading_before_any_checkpoint_is_a_bug()
    {
        using var model = TinySetup.Model();
        using var averaging = new WeightAveraging(model, fromEpoch: 1);

        Assert.Throws<InvalidOperationException>(() => averaging.LoadAverageInto(model));
    }
}
