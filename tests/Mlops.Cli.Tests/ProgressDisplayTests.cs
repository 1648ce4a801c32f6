using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Metrics;
using Mlops.Training;
using Spectre.Console.Testing;

namespace Mlops.Cli.Tests;

/// <summary>The training progress callback: a live bar on a terminal, one line per evaluation elsewhere.</summary>
public class ProgressDisplayTests
{
    private static readonly Trainer Trainer = new(new TrainerOptions { MaxEpochs = 1, LearningRate = 1e-3, Patience = 0 }, [], NullLogger.Instance);

    private static ValidationResult Evaluation(int step) =>
        new(0, step, new Dictionary<string, double> { ["val_mcc"] = 0.25, ["val_loss"] = 0.5 }, new ConfusionMatrix(2));

    [Fact]
    public void Interactive_console_shows_live_loss_throughput_and_validation()
    {
        var console = new TestConsole().Interactive();
        var display = new ProgressDisplay(console);
        display.OnFitStart(Trainer);
        display.OnTrainBatchEnd(Trainer, new TrainStepResult(0, 1, 0, 0.69, 1e-3, 16, 160, TimeSpan.FromMilliseconds(5)));
        display.OnValidationEnd(Trainer, Evaluation(1));
        display.OnFitEnd(Trainer);
        Assert.Contains("epoch 1/1", console.Output);
        Assert.Contains("loss 0.6900", console.Output);
        Assert.Contains("sent/s", console.Output);
        Assert.Contains("val_mcc 0.2500", console.Output);
    }

    [Fact]
    public void Plain_console_gets_one_line_per_evaluation()
    {
        var console = new TestConsole();
        var display = new ProgressDisplay(console);
        display.OnFitStart(Trainer);
        display.OnValidationEnd(Trainer, Evaluation(7));
        display.OnFitEnd(Trainer);
        Assert.StartsWith("epoch 1 step 7: val_loss 0.5000  val_mcc 0.2500", console.Output);
    }
}
