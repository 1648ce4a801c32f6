namespace Mlops.Training;

/// <summary>Every knob of a training run, immutable and validated once (what Lightning's Trainer flags are).</summary>
public sealed record TrainerOptions
{
    public int MaxEpochs { get; init; } = 3;
    public double LearningRate { get; init; } = 1e-4;
    public double WeightDecay { get; init; } = 0.01;
    public double WarmupRatio { get; init; } = 0.1;
    /// <summary>Clip the global gradient norm to this value; 0 disables clipping.</summary>
    public double GradientClipNorm { get; init; } = 1.0;
    /// <summary>Also evaluate every N optimizer steps; 0 evaluates only at the end of each epoch.</summary>
    public int EvalEveryNSteps { get; init; }
    /// <summary>Use at most this many training batches per epoch; 0 means all.</summary>
    public int LimitTrainBatches { get; init; }
    /// <summary>Use at most this many validation batches per evaluation; 0 means all.</summary>
    public int LimitValBatches { get; init; }
    public int Seed { get; init; } = 42;
    /// <summary>Metric that selects the best checkpoint and drives early stopping.</summary>
    public string Monitor { get; init; } = "val_mcc";
    public MonitorMode MonitorMode { get; init; } = MonitorMode.Max;
    /// <summary>Stop after this many evaluations without improvement; 0 disables early stopping.</summary>
    public int Patience { get; init; } = 3;
    /// <summary>
    /// Layer-wise learning-rate decay: the classifier gets the full rate, each encoder layer below it
    /// this factor more, the embeddings the smallest. 1 disables it.
    /// </summary>
    public double LayerwiseLrDecay { get; init; } = 1.0;

    public TrainerOptions Validate()
    {
        void Require(bool ok, string message) { if (!ok) throw new TrainingException(message); }
        Require(MaxEpochs >= 1, $"max_epochs must be at least 1, got {MaxEpochs}.");
        Require(LearningRate is > 0 and < 1, $"learning rate must be in (0, 1), got {LearningRate}.");
        Require(WeightDecay >= 0, $"weight decay must be non-negative, got {WeightDecay}.");
        Require(WarmupRatio is >= 0 and < 1, $"warmup ratio must be in [0, 1), got {WarmupRatio}.");
        Require(GradientClipNorm >= 0, $"gradient clip norm must be non-negative, got {GradientClipNorm}.");
        Require(EvalEveryNSteps >= 0 && LimitTrainBatches >= 0 && LimitValBatches >= 0, "step and batch limits must be non-negative.");
        Require(Patience >= 0, $"patience must be non-negative, got {Patience}.");
        Require(LayerwiseLrDecay is > 0 and <= 1, $"layer-wise lr decay must be in (0, 1], got {LayerwiseLrDecay}.");
        return this;
    }
}
