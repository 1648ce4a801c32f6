using System.Text.Json.Nodes;

namespace Mlops.Training.Callbacks;

/// <summary>
/// A hook into the training loop under PyTorch Lightning's names. Every hook is a no-op, so a callback
/// overrides only what it needs; tracking, checkpointing and early stopping attach here without editing
/// the loop. Hooks run on the training thread: keep them cheap and hand slow work to a background queue.
/// </summary>
public abstract class Callback
{
    /// <summary>Key of this callback's state in a checkpoint; the type name unless overridden.</summary>
    public virtual string StateKey => GetType().Name;

    public virtual void OnFitStart(Trainer trainer) { }
    public virtual void OnFitEnd(Trainer trainer) { }
    public virtual void OnTrainEpochStart(Trainer trainer) { }
    public virtual void OnTrainEpochEnd(Trainer trainer) { }
    public virtual void OnTrainBatchEnd(Trainer trainer, TrainStepResult step) { }
    public virtual void OnValidationEnd(Trainer trainer, ValidationResult result) { }
    public virtual void OnException(Trainer trainer, Exception exception) { }

    /// <summary>State to store in a resumable checkpoint, or null when there is none.</summary>
    public virtual JsonNode? StateDict() => null;
    public virtual void LoadStateDict(JsonNode state) { }
}
