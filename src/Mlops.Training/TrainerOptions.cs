using System.ComponentModel.DataAnnotations;
using Annotations = System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Mlops.Training;

/// <summary>
/// Every knob of the training loop, immutable (what Lightning's Trainer flags are). The ranges are declared
/// once, as attributes: the config binder reports them against the YAML line, <see cref="Validate()"/> against code.
/// Config keys are the snake_case names (<c>max_epochs</c>), except <c>lr</c>.
/// </summary>
public sealed record TrainerOptions : IValidatableObject
{
    [Range(1, int.MaxValue)] public int MaxEpochs { get; init; } = 3;
    [JsonPropertyName("lr"), Range(0.0, 1.0, MinimumIsExclusive = true, MaximumIsExclusive = true)]
    public double LearningRate { get; init; } = 1e-4;
    [Range(0.0, double.MaxValue)] public double WeightDecay { get; init; } = 0.01;
    [Range(0.0, 1.0, MaximumIsExclusive = true)] public double WarmupRatio { get; init; } = 0.1;
    /// <summary>Clip the global gradient norm to this value; 0 disables clipping.</summary>
    [Range(0.0, double.MaxValue)] public double GradientClipNorm { get; init; } = 1.0;
    /// <summary>Also evaluate every N optimizer steps; 0 evaluates only at the end of each epoch.</summary>
    [Range(0, int.MaxValue)] public int EvalEveryNSteps { get; init; }
    /// <summary>Also save the resume point (<c>last/</c>) every N optimizer steps, so a killed run loses at most N steps; 0 saves at epoch ends only.</summary>
    [Range(0, int.MaxValue)] public int CheckpointEveryNSteps { get; init; }
    /// <summary>Use at most this many training batches per epoch; 0 means all.</summary>
    [Range(0, int.MaxValue)] public int LimitTrainBatches { get; init; }
    /// <summary>Use at most this many validation batches per evaluation; 0 means all.</summary>
    [Range(0, int.MaxValue)] public int LimitValBatches { get; init; }
    public int Seed { get; init; } = 42;
    /// <summary>Metric that selects the best checkpoint and drives early stopping: one of <see cref="Evaluator.MetricKeys"/>.</summary>
    public string Monitor { get; init; } = "val_mcc";
    public MonitorMode MonitorMode { get; init; } = MonitorMode.Max;
    /// <summary>Stop after this many evaluations without improvement; 0 disables early stopping.</summary>
    [Range(0, int.MaxValue)] public int Patience { get; init; } = 3;
    /// <summary>
    /// Layer-wise learning-rate decay: the classifier gets the full rate, each encoder layer below it
    /// this factor more, the embeddings the smallest. 1 disables it.
    /// </summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true)] public double LayerwiseLrDecay { get; init; } = 1.0;
    /// <summary>
    /// Average the weights seen at every evaluation from this epoch on (1-based; 0 disables it), as Lightning's
    /// StochasticWeightAveraging does with a constant rate; the average replaces the best model only if it scores better.
    /// </summary>
    [Range(0, int.MaxValue)] public int AverageFromEpoch { get; init; }
    /// <summary>Torch intra-op threads; null keeps libtorch's choice.</summary>
    [Range(1, 1024)] public int? Threads { get; init; }

    /// <summary>A <see cref="Monitor"/> that no evaluation reports, named with the keys that are, before any training starts.</summary>
    public IEnumerable<Annotations.ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Evaluator.MetricKeys.Contains(Monitor, StringComparer.Ordinal))
            yield return new Annotations.ValidationResult(
                $"'{Monitor}' is not a validation metric; monitor one of: {string.Join(", ", Evaluator.MetricKeys)}.", [nameof(Monitor)]);
    }

    /// <summary>Checks every range above and the monitored metric; the first violation is a <see cref="TrainingException"/> naming the option.</summary>
    public TrainerOptions Validate()
    {
        var results = new List<Annotations.ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
            throw new TrainingException(string.Join(" ", results.Select(r => r.MemberNames.FirstOrDefault() is { } member
                ? $"{member} = {GetType().GetProperty(member)!.GetValue(this)}: {r.ErrorMessage}" : r.ErrorMessage)));
        return this;
    }
}
