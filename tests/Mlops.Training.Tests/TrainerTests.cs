using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Core;
using Mlops.Metrics;
using Mlops.Training.Callbacks;

namespace Mlops.Training.Tests;

public sealed class TrainerTests : TempDirectoryTest
{
    private static TrainerOptions Options => new() { MaxEpochs = 6, LearningRate = 3e-3, WarmupRatio = 0.1, Patience = 0, Seed = 5 };

    private sealed class Recorder : Callback
    {
        public List<ValidationResult> Validations { get; } = [];
        public List<TrainStepResult> Steps { get; } = [];
        public Action<Trainer, TrainStepResult>? OnStep { get; init; }

        public override void OnValidationEnd(Trainer trainer, ValidationResult result) => Validations.Add(result);

        public override void OnTrainBatchEnd(Trainer trainer, TrainStepResult step)
        {
            Steps.Add(step);
            OnStep?.Invoke(trainer, step);
        }
    }

    [Fact]
    public async Task Learns_a_simple_task_well_above_chance()
    {
        using var model = TinySetup.Model();
        var recorder = new Recorder();
        var trainer = new Trainer(Options, [recorder], NullLogger.Instance);
        var fit = await trainer.FitAsync(new ClassifierTask(model), TinySetup.Batches(400, 1), TinySetup.Batches(200, 2, false), null, false, default);
        Assert.Equal(6, fit.Epochs);
        Assert.Equal(6 * 25, fit.GlobalStep);
        Assert.True(fit.LastMetrics["val_accuracy"] > 0.9, $"val_accuracy {fit.LastMetrics["val_accuracy"]}");
        Assert.True(recorder.Steps[^1].Loss < recorder.Steps[0].Loss);
        Assert.Equal(6, recorder.Validations.Count);
    }

    [Fact]
    public async Task Learns_a_sentence_pair_task_that_needs_the_segments()
    {
        using var model = TinySetup.Model();
        var trainer = new Trainer(Options, [], NullLogger.Instance);
        var validation = TinySetup.PairBatches(200, 2, false);
        Assert.All(validation.Epoch(0), b => Assert.NotNull(b.TokenTypeIds));
        var fit = await trainer.FitAsync(new ClassifierTask(model), TinySetup.PairBatches(400, 1), validation, null, false, default);
        // Chance is 50 %; predicting from whether token 7 is present at all, 75 %.
        Assert.True(fit.LastMetrics["val_accuracy"] > 0.9, $"val_accuracy {fit.LastMetrics["val_accuracy"]}");
    }

    [Fact]
    public async Task Validation_metrics_do_not_accumulate_across_evaluations()
    {
        // The course's known bug: one metric object shared by train and validation, or never reset.
        using var model = TinySetup.Model();
        var recorder = new Recorder();
        var trainer = new Trainer(Options with { MaxEpochs = 2 }, [recorder], NullLogger.Instance);
        await trainer.FitAsync(new ClassifierTask(model), TinySetup.Batches(64, 1), TinySetup.Batches(40, 2, false), null, false, default);
        Assert.All(recorder.Validations, v => Assert.Equal(40, v.Confusion.Total));
        Assert.NotSame(recorder.Validations[0].Confusion, recorder.Validations[1].Confusion);
    }

    [Fact]
    public async Task Evaluates_every_n_steps_and_at_epoch_end()
    {
        using var model = TinySetup.Model();
        var recorder = new Recorder();
        var trainer = new Trainer(Options with { MaxEpochs = 1, EvalEveryNSteps = 2, LimitTrainBatches = 5, LimitValBatches = 1 }, [recorder], NullLogger.Instance);
        await trainer.FitAsync(new ClassifierTask(model), TinySetup.Batches(160, 1), TinySetup.Batches(64, 2, false), null, false, default);
        Assert.Equal([2, 4, 5], recorder.Validations.Select(v => v.GlobalStep));
        Assert.Equal(5, recorder.Steps.Count);
        Assert.All(recorder.Validations, v => Assert.Equal(16, v.Confusion.Total));
    }

    [Fact]
    public async Task Early_stop_between_evaluations_does_not_evaluate_the_same_step_twice()
    {
        using var model = TinySetup.Model();
        var recorder = new Recorder();
        var stopper = new EarlyStopping(new MonitoredMetric("val_mcc", MonitorMode.Max), patience: 1);
        var trainer = new Trainer(Options with { MaxEpochs = 1, EvalEveryNSteps = 1, LearningRate = 1e-9 }, [stopper, recorder], NullLogger.Instance);
        await trainer.FitAsync(new ClassifierTask(model), TinySetup.Batches(64, 1), TinySetup.Batches(16, 2, false), null, false, default);
        Assert.Equal([1, 2], recorder.Validations.Select(v => v.GlobalStep));
    }

    [Fact]
    public void Every_key_an_evaluation_reports_can_be_monitored_and_no_other()
    {
        using var model = TinySetup.Model();
        var reported = Evaluator.Validate(new ClassifierTask(model), TinySetup.Batches(16, 2, false), 0, 0, 0).Metrics.Keys;

        Assert.Equal(reported.Order(StringComparer.Ordinal), Evaluator.MetricKeys.Order(StringComparer.Ordinal));
        foreach (var key in new[] { "val_f1_macro", "val_accuracy", "val_f1_weighted", "val_loss" })
            Assert.Equal(key, (Options with { Monitor = key }).Validate().Monitor);
        var e = Assert.Throws<TrainingException>(() => (Options with { Monitor = "valid/loss" }).Validate());
        Assert.Contains("'valid/loss' is not a validation metric", e.Message);
        Assert.Contains("val_f1_weighted", e.Message);
    }

    [Fact]
    public async Task Checkpoint_on_a_metric_that_is_never_logged_fails_naming_the_logged_ones()
    {
        // The course's known bug: ModelCheckpoint(monitor="valid/loss") while only "val_loss" is logged.
        using var model = TinySetup.Model();
        var checkpoint = new ModelCheckpoint(new MonitoredMetric("valid/loss", MonitorMode.Min), _ => Task.CompletedTask);
        var trainer = new Trainer(Options with { MaxEpochs = 1 }, [checkpoint], NullLogger.Instance);
        var e = await Assert.ThrowsAsync<TrainingException>(() =>
            trainer.FitAsync(new ClassifierTask(model), TinySetup.Batches(32, 1), TinySetup.Batches(16, 2, false), null, false, default));
        Assert.Contains("'valid/loss'", e.Message);
        Assert.Contains("'val_loss'", e.Hint);
    }

    [Fact]
    public async Task Checkpoint_saves_only_on_improvement()
    {
        using var model = TinySetup.Model();
        var saved = new List<double>();
        var checkpoint = new ModelCheckpoint(new MonitoredMetric("val_accuracy", MonitorMode.Max), r =>
        {
            saved.Add(r.Metrics["val_accuracy"]);
            return Task.CompletedTask;
        });
        var recorder = new Recorder();
        var trainer = new Trainer(Options, [checkpoint, recorder], NullLogger.Instance);
        await trainer.FitAsync(new ClassifierTask(model), TinySetup.Batches(400, 1), TinySetup.Batches(200, 2, false), null, false, default);
        Assert.NotEmpty(saved);
        Assert.Equal(saved.Order(), saved);
        Assert.Equal(saved.Distinct(), saved);
        Assert.Equal(recorder.Validations.Max(v => v.Metrics["val_accuracy"]), checkpoint.Best);
    }

    [Fact]
    public async Task Early_stopping_ends_training_after_patience_evaluations_without_improvement()
    {
        using var model = TinySetup.Model();
        var recorder = new Recorder();
        // A learning rate this small cannot move validation loss by much; monitor an impossible improvement.
        var stopper = new EarlyStopping(new MonitoredMetric("val_mcc", MonitorMode.Max), patience: 2);
        var trainer = new Trainer(Options with { MaxEpochs = 10, LearningRate = 1e-9 }, [stopper, recorder], NullLogger.Instance);
        var fit = await trainer.FitAsync(new ClassifierTask(model), TinySetup.Batches(32, 1), TinySetup.Batches(32, 2, false), null, false, default);
        Assert.True(fit.StoppedEarly);
        Assert.Equal(3, recorder.Validations.Count);
    }

    [Fact]
    public async Task Resuming_from_an_epoch_checkpoint_gives_the_same_model_as_an_uninterrupted_run()
    {
        using var oneThread = TinySetup.Threads(1);
        var options = Options with { MaxEpochs = 2 };
        using var straight = TinySetup.Model(seed: 9);
        await new Trainer(options, [], NullLogger.Instance)
            .FitAsync(new ClassifierTask(straight), TinySetup.Batches(64, 1), TinySetup.Batches(16, 2, false), null, false, default);

        var checkpoint = new ResumeCheckpoint(Path.Combine(Dir, "last"));
        using (var first = TinySetup.Model(seed: 9))
        {
            using var stopAfterFirstEpoch = new CancellationTokenSource();
            var stopper = new Recorder { OnStep = (_, s) => { if (s.GlobalStep == 4) stopAfterFirstEpoch.Cancel(); } };
            var fit = await new Trainer(options, [stopper], NullLogger.Instance)
                .FitAsync(new ClassifierTask(first), TinySetup.Batches(64, 1), TinySetup.Batches(16, 2, false), checkpoint, false, stopAfterFirstEpoch.Token);
            Assert.True(fit.Interrupted);
        }
        await checkpoint.EnsureResumableAsync("run");
        using var resumed = TinySetup.Model(seed: 123);
        var resumedFit = await new Trainer(options, [], NullLogger.Instance)
            .FitAsync(new ClassifierTask(resumed), TinySetup.Batches(64, 1), TinySetup.Batches(16, 2, false), checkpoint, true, default);
        Assert.Equal((8, 4, 4), (resumedFit.GlobalStep, resumedFit.FirstStep, resumedFit.StepsRun));
        // Training ended there: the checkpoint is no resume point any more, and one that was never saved is none either.
        Assert.Equal(ExitCodes.ConfigError, (await Assert.ThrowsAsync<MlopsException>(() => checkpoint.EnsureResumableAsync("run"))).ExitCode);
        Assert.Equal(ExitCodes.ModelError,
            (await Assert.ThrowsAsync<MlopsException>(() => new ResumeCheckpoint(Path.Combine(Dir, "none")).EnsureResumableAsync("run"))).ExitCode);
        foreach (var ((name, a), (_, b)) in straight.named_parameters().Zip(resumed.named_parameters()))
            Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-6), $"{name} differs after resume");
    }

    [Fact]
    public async Task Cancellation_mid_epoch_saves_a_resume_point_at_that_batch()
    {
        using var model = TinySetup.Model();
        using var cancel = new CancellationTokenSource();
        var recorder = new Recorder { OnStep = (_, s) => { if (s.GlobalStep == 2) cancel.Cancel(); } };
        var checkpoint = new ResumeCheckpoint(Path.Combine(Dir, "last"));
        var fit = await new Trainer(Options, [recorder], NullLogger.Instance)
            .FitAsync(new ClassifierTask(model), TinySetup.Batches(64, 1), TinySetup.Batches(16, 2, false), checkpoint, false, cancel.Token);
        Assert.True(fit.Interrupted);
        Assert.Equal(2, fit.GlobalStep);
        Assert.True(checkpoint.Exists);
        var state = File.ReadAllText(Path.Combine(Dir, "last", "trainer_state.json"));
        Assert.Contains("\"batch_in_epoch\": 2", state);
    }

    [Fact]
    public async Task Checkpoint_every_n_steps_saves_the_resume_point_mid_epoch()
    {
        using var model = TinySetup.Model();
        var checkpoint = new ResumeCheckpoint(Path.Combine(Dir, "last"));
        var statePath = Path.Combine(Dir, "last", "trainer_state.json");
        var seen = new List<(int Step, string? State)>();
        var recorder = new Recorder { OnStep = (_, s) => seen.Add((s.GlobalStep, File.Exists(statePath) ? File.ReadAllText(statePath) : null)) };
        // 64 examples in batches of 16: 4 steps an epoch, so a save every 3 steps lands mid-epoch.
        await new Trainer(Options with { MaxEpochs = 1, CheckpointEveryNSteps = 3 }, [recorder], NullLogger.Instance)
            .FitAsync(new ClassifierTask(model), TinySetup.Batches(64, 1), TinySetup.Batches(16, 2, false), checkpoint, false, default);
        Assert.Null(seen[2].State); // the step callback runs before the save of step 3
        Assert.Contains("\"global_step\": 3", seen[3].State);
        Assert.Contains("\"batch_in_epoch\": 3", seen[3].State);
    }

    [Fact]
    public void Constant_predictions_are_detected_and_warned_about()
    {
        var warning = new ConstantPredictionWarning();
        var logger = new ListLogger();
        var trainer = new Trainer(Options, [warning], logger);
        var collapsed = new ConfusionMatrix(2);
        collapsed.AddRange([0, 1, 1, 1], [1, 1, 1, 1]);
        var healthy = new ConfusionMatrix(2);
        healthy.AddRange([0, 1, 1, 1], [0, 1, 1, 0]);
        warning.OnValidationEnd(trainer, new ValidationResult(0, 10, new Dictionary<string, double>(), healthy));
        Assert.Equal(0, warning.Warnings);
        warning.OnValidationEnd(trainer, new ValidationResult(0, 20, new Dictionary<string, double>(), collapsed));
        Assert.Equal(1, warning.Warnings);
        Assert.Contains(logger.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("one class"));
    }

    [Fact]
    public async Task A_learning_rate_that_collapses_the_model_triggers_the_warning()
    {
        using var model = TinySetup.Model();
        var warning = new ConstantPredictionWarning();
        // Imbalanced data (3:1) and a huge learning rate: the model falls to the majority class.
        var examples = TinySetup.Examples(128, 1).Select((e, i) => e with { Label = i % 4 == 0 ? 0 : 1 }).ToList();
        var train = new Mlops.Data.Batching.Batcher(examples, new() { BatchSize = 16 }, 0);
        var trainer = new Trainer(Options with { MaxEpochs = 2, LearningRate = 0.5, WarmupRatio = 0 }, [warning], NullLogger.Instance);
        await trainer.FitAsync(new ClassifierTask(model), train, TinySetup.Batches(32, 2, false), null, false, default);
        Assert.True(warning.Warnings > 0);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_value() =>
        Assert.Contains("1.5", Assert.Throws<TrainingException>(() => (Options with { WarmupRatio = 1.5 }).Validate()).Message);
}
