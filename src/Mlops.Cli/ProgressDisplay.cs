using System.Diagnostics;
using Mlops.Training;
using Mlops.Training.Callbacks;
using Spectre.Console;

namespace Mlops.Cli;

/// <summary>
/// A training callback that draws a Spectre.Console progress bar with live loss and throughput (sentences/s) on an
/// interactive terminal, and one line per evaluation otherwise (CI logs, redirected output).
/// </summary>
public sealed class ProgressDisplay(IAnsiConsole console) : Callback
{
    private LiveDisplay.BackgroundProgress? _display;
    private ProgressTask? _bar;
    private ProgressTask? _validation;
    private double _smoothedLoss = double.NaN;
    private long _sentences;
    private readonly Stopwatch _clock = new();

    public override void OnFitStart(Trainer trainer)
    {
        _clock.Restart();
        if (!console.Profile.Capabilities.Interactive) return;
        var progress = console.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn());
        _display = LiveDisplay.StartProgress(progress, context =>
        {
            _bar = context.AddTask("training", maxValue: Math.Max(1, trainer.TotalSteps));
            _bar.Value = trainer.GlobalStep;
            _validation = context.AddTask("validation: pending", maxValue: 1);
        });
    }

    public override void OnTrainBatchEnd(Trainer trainer, TrainStepResult step)
    {
        _smoothedLoss = double.IsNaN(_smoothedLoss) ? step.Loss : 0.9 * _smoothedLoss + 0.1 * step.Loss;
        _sentences += step.Sentences;
        if (_bar is null) return;
        _bar.Description = $"epoch {step.Epoch + 1}/{trainer.Options.MaxEpochs}  loss {_smoothedLoss:F4}  {Throughput():F0} sent/s";
        _bar.Value = step.GlobalStep;
    }

    public override void OnValidationEnd(Trainer trainer, Training.ValidationResult result)
    {
        var summary = $"epoch {result.Epoch + 1} step {result.GlobalStep}: " + string.Join("  ",
            new[] { "val_loss", "val_accuracy", "val_f1_macro", "val_mcc" }.Where(result.Metrics.ContainsKey)
                .Select(k => $"{k} {result.Metrics[k]:F4}"));
        if (_validation is not null) _validation.Description = Markup.Escape(summary);
        else console.MarkupLine(Markup.Escape($"{summary}  train_loss {_smoothedLoss:F4}  {Throughput():F0} sent/s"));
    }

    public override void OnFitEnd(Trainer trainer) => Finish();

    public override void OnException(Trainer trainer, Exception exception) => Finish();

    private double Throughput() => _sentences / Math.Max(1e-9, _clock.Elapsed.TotalSeconds);

    private void Finish()
    {
        _bar?.StopTask();
        if (_validation is not null) _validation.Value = 1;
        _display?.Stop();
        _display = null;
    }
}
