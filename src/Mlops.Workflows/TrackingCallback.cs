using Mlops.Training;
using Mlops.Tracking;
using Mlops.Training.Callbacks;

namespace Mlops.Workflows;

/// <summary>
/// Reports the loop to a tracking store without touching it: per step the training loss, learning rate and
/// throughput; per evaluation every validation metric. <see cref="RunTracker.Log"/> only queues, so this costs the
/// training thread a few enqueues per step.
/// </summary>
public sealed class TrackingCallback(RunTracker tracker) : Callback
{
    public override void OnTrainBatchEnd(Trainer trainer, TrainStepResult step)
    {
        tracker.Log("train_loss", step.GlobalStep, step.Loss);
        tracker.Log("lr", step.GlobalStep, step.LearningRate);
        if (step.Elapsed > TimeSpan.Zero) tracker.Log("sentences_per_s", step.GlobalStep, step.Sentences / step.Elapsed.TotalSeconds);
    }

    public override void OnValidationEnd(Trainer trainer, ValidationResult result)
    {
        foreach (var (name, value) in result.Metrics)
            if (double.IsFinite(value)) tracker.Log(name, result.GlobalStep, value);
    }
}
