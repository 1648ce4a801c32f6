using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Training.Callbacks;
using Spectre.Console.Testing;

namespace Mlops.Training.Tests;

public class ProgressDisplayTests
{
    private static TrainerOptions Options => new() { MaxEpochs = 1, LearningRate = 1e-3, Patience = 0 };

    [Fact]
    public async Task Interactive_console_shows_live_loss_throughput_and_validation()
    {
        var console = new TestConsole().Interactive();
        using var model = TinySetup.Model();
        var trainer = new Trainer(Options, [new ProgressDisplay(console)], NullLogger.Instance);
        await trainer.FitAsync(new ClassifierTask(model), TinySetup.Batches(64, 1), TinySetup.Batches(16, 2, false), null, false, default);
        Assert.Contains("epoch 1/1", console.Output);
        Assert.Contains("sent/s", console.Output);
        Assert.Contains("val_mcc", console.Output);
    }

    [Fact]
    public void Plain_console_gets_one_line_per_evaluation()
    {
        var console = new TestConsole();
        var display = new ProgressDisplay(console);
        var trainer = new Trainer(Options, [display], NullLogger.Instance);
        display.OnFitStart(trainer);
        display.OnValidationEnd(trainer, new ValidationResult(0, 7, new Dictionary<string, double> { ["val_mcc"] = 0.25, ["val_loss"] = 0.5 },
            new Metrics.ConfusionMatrix(2)));
        display.OnFitEnd(trainer);
        Assert.StartsWith("epoch 1 step 7: val_loss 0.5000  val_mcc 0.2500", console.Output);
    }
}
