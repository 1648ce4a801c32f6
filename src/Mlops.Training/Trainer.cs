using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Mlops.Data.Batching;
using Mlops.Metrics;
using Mlops.Training.Callbacks;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mlops.Training;

/// <summary>
/// The training loop (PyTorch Lightning's Trainer): epochs of AdamW steps with a warm-up/decay schedule and
/// gradient clipping, evaluation every N steps and per epoch, callbacks at each point, a resumable state
/// saved each epoch (and every N steps if asked), and a clean stop on cancellation (SIGINT, SIGTERM) that saves where it was.
/// </summary>
public sealed class Trainer(TrainerOptions options, IReadOnlyList<Callback> callbacks, ILogger logger)
{
    public TrainerOptions Options { get; } = options.Validate();
    public IReadOnlyList<Callback> Callbacks { get; } = callbacks;
    public ILogger Logger { get; } = logger;
    public int Epoch { get; private set; }
    public int GlobalStep { get; private set; }
    public int TotalSteps { get; private set; }
    public int BatchesPerEpoch { get; private set; }

    /// <summary>Set by a callback (early stopping) to end training after the current step.</summary>
    public bool ShouldStop { get; set; }

    /// <summary>The most recent value of every logged metric (train loss, validation metrics).</summary>
    public IReadOnlyDictionary<string, double> LoggedMetrics => _logged;

    private readonly Dictionary<string, double> _logged = [];
    private int _lastValidatedStep = -1;

    public async Task<FitResult> FitAsync(ClassifierTask task, Batcher train, Batcher validation, ResumeCheckpoint? resumeTo,
        bool resume, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        BatchesPerEpoch = Options.LimitTrainBatches > 0 ? Math.Min(Options.LimitTrainBatches, train.BatchCount) : train.BatchCount;
        TotalSteps = BatchesPerEpoch * Options.MaxEpochs;
        var schedule = LinearWarmupSchedule.For(TotalSteps, Options.WarmupRatio);
        var groups = task.ParameterGroups(Options.LearningRate, Options.WeightDecay, Options.LayerwiseLrDecay);
        using var optimizer = new AdamW(groups.Select(g => g.Group));
        var state = new TrainerState();
        if (resume && resumeTo is not null)
        {
            state = await resumeTo.LoadAsync(task, optimizer, cancellationToken);
            foreach (var callback in Callbacks)
                if (state.Callbacks.TryGetValue(callback.StateKey, out var node) && node is not null) callback.LoadStateDict(node);
            foreach (var orphan in state.Callbacks.Keys.Except(Callbacks.Select(c => c.StateKey)))
                Logger.LogWarning("Checkpoint holds state for callback '{Key}', which this run does not have; ignoring it.", orphan);
            Logger.LogInformation("Resumed from '{Path}' at epoch {Epoch}, step {Step}.", resumeTo.Path, state.Epoch + 1, state.GlobalStep);
        }
        (Epoch, GlobalStep) = (state.Epoch, state.GlobalStep);
        var interrupted = false;
        var nextBatch = 0;
        task.Model.train();
        foreach (var callback in Callbacks) callback.OnFitStart(this);
        try
        {
            for (; Epoch < Options.MaxEpochs && !ShouldStop && !state.Finished; Epoch++)
            {
                var skip = Epoch == state.Epoch ? state.BatchInEpoch : 0;
                // Reseeding per epoch makes dropout reproducible and the same after a resume.
                manual_seed(Options.Seed + Epoch);
                if (skip > 0 && state.RngState is { } saved)
                {
                    using var restored = tensor(Convert.FromBase64String(saved));
                    random.set_rng_state(restored);
                }
                foreach (var callback in Callbacks) callback.OnTrainEpochStart(this);
                nextBatch = 0;
                foreach (var batch in train.Epoch(Epoch))
                {
                    if (nextBatch >= BatchesPerEpoch || ShouldStop) break;
                    if (nextBatch < skip)
                    {
                        nextBatch++;
                        continue;
                    }
                    cancellationToken.ThrowIfCancellationRequested();
                    var result = Step(task, optimizer, groups, schedule, batch, nextBatch++);
                    foreach (var callback in Callbacks) callback.OnTrainBatchEnd(this, result);
                    if (Options.EvalEveryNSteps > 0 && GlobalStep % Options.EvalEveryNSteps == 0 && nextBatch < BatchesPerEpoch)
                        Validate(task, validation, cancellationToken);
                    if (Options.CheckpointEveryNSteps > 0 && GlobalStep % Options.CheckpointEveryNSteps == 0 && nextBatch < BatchesPerEpoch)
                        await SaveResumeAsync(resumeTo, task, optimizer, nextBatch, false, cancellationToken);
                }
                if (_lastValidatedStep != GlobalStep) Validate(task, validation, cancellationToken);
                foreach (var callback in Callbacks) callback.OnTrainEpochEnd(this);
                await SaveResumeAsync(resumeTo, task, optimizer, BatchesPerEpoch, Epoch + 1 >= Options.MaxEpochs || ShouldStop, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: keep what the finished steps learned. An epoch whose batches all ran resumes at the next epoch.
            interrupted = true;
            await SaveResumeAsync(resumeTo, task, optimizer, nextBatch, false, CancellationToken.None);
        }
        catch (Exception e)
        {
            foreach (var callback in Callbacks) callback.OnException(this, e);
            throw;
        }
        foreach (var callback in Callbacks) callback.OnFitEnd(this);
        return new FitResult(Math.Min(Epoch + (interrupted ? 1 : 0), Options.MaxEpochs), GlobalStep, ShouldStop, interrupted,
            new Dictionary<string, double>(_logged), clock.Elapsed, state.GlobalStep);
    }

    private TrainStepResult Step(ClassifierTask task, AdamW optimizer, IReadOnlyList<(AdamW.ParamGroup Group, double BaseLr)> groups,
        LinearWarmupSchedule schedule, TokenBatch batch, int batchIndex)
    {
        var started = Stopwatch.GetTimestamp();
        var factor = schedule.Factor(GlobalStep);
        foreach (var (group, baseLr) in groups) group.LearningRate = baseLr * factor;
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = task.TrainingStep(batch);
        loss.backward();
        if (Options.GradientClipNorm > 0) nn.utils.clip_grad_norm_(task.Model.parameters(), Options.GradientClipNorm);
        optimizer.step();
        var lossValue = loss.item<float>();
        if (!double.IsFinite(lossValue))
            throw new TrainingException($"Training loss became {lossValue} at step {GlobalStep + 1}.",
                $"Lower the learning rate (now {Options.LearningRate}) or keep gradient clipping on.");
        GlobalStep++;
        _logged["train_loss"] = lossValue;
        _logged["lr"] = Options.LearningRate * factor;
        return new TrainStepResult(Epoch, GlobalStep, batchIndex, lossValue, Options.LearningRate * factor, batch.Rows, batch.RealTokens,
            Stopwatch.GetElapsedTime(started));
    }

    private void Validate(ClassifierTask task, Batcher validation, CancellationToken cancellationToken)
    {
        var result = Evaluator.Validate(task, validation, Options.LimitValBatches, Epoch, GlobalStep, cancellationToken);
        foreach (var (key, value) in result.Metrics) _logged[key] = value;
        _lastValidatedStep = GlobalStep;
        foreach (var callback in Callbacks) callback.OnValidationEnd(this, result);
    }

    private async Task SaveResumeAsync(ResumeCheckpoint? checkpoint, ClassifierTask task, AdamW optimizer, int nextBatch, bool finished,
        CancellationToken cancellationToken)
    {
        if (checkpoint is null) return;
        var state = new TrainerState
        {
            Epoch = nextBatch >= BatchesPerEpoch ? Epoch + 1 : Epoch,
            BatchInEpoch = nextBatch >= BatchesPerEpoch ? 0 : nextBatch,
            GlobalStep = GlobalStep,
            Finished = finished,
            RngState = nextBatch >= BatchesPerEpoch ? null : RngStateText(),
            Callbacks = Callbacks.ToDictionary(c => c.StateKey, c => c.StateDict()),
        };
        await checkpoint.SaveAsync(task, optimizer, state, cancellationToken);
    }

    /// <summary>Torch's CPU generator state as base64; the state tensor is native memory, freed here rather than by the finalizer.</summary>
    private static string RngStateText()
    {
        using var rng = random.get_rng_state();
        return Convert.ToBase64String(rng.data<byte>().ToArray());
    }
}
