using Mlops.Data.Synthetic;

namespace Mlops.Data.Tests.Synthetic;

public class SyntheticAcceptabilitySourceTests
{
    [Fact]
    public async Task Loads_train_and_one_validation_part_with_cola_labels()
    {
        var source = new SyntheticAcceptabilitySource();

        var splits = await source.LoadAsync();

        Assert.Equal("synthetic", source.Name);
        Assert.Equal("synthetic", splits.Name);
        Assert.Equal(["unacceptable", "acceptable"], splits.LabelNames);
        Assert.Equal(3000, splits.Train.Count);
        Assert.Equal(["validation"], splits.ValidationParts.Keys);
        Assert.Equal(600, splits.Validation.Count);
        Assert.Equal(splits.ValidationParts["validation"], splits.Validation);
    }

    [Fact]
    public async Task Returns_the_generator_sentences()
    {
        var options = new SyntheticAcceptabilityOptions { Seed = 5, TrainSize = 40, ValidationSize = 10 };
        var expected = new SyntheticAcceptabilityGenerator(options).Generate();

        var splits = await new SyntheticAcceptabilitySource(options).LoadAsync();

        Assert.Equal(expected.Train.Select(e => new LabeledSentence(e.Text, e.Label)), splits.Train);
        Assert.Equal(expected.Validation.Select(e => new LabeledSentence(e.Text, e.Label)), splits.Validation);
    }

    [Fact]
    public async Task Honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SyntheticAcceptabilitySource().LoadAsync(cts.Token));
    }

    [Fact]
    public async Task Loading_again_gives_the_same_sentences()
    {
        // How fast this is belongs to the benchmarks, not to a unit test on a shared machine.
        var source = new SyntheticAcceptabilitySource();

        var first = await source.LoadAsync();
        var second = await source.LoadAsync();

        Assert.Equal(first.Train, second.Train);
        Assert.Equal(first.Validation, second.Validation);
    }
}
