using Mlops.Data;

namespace Mlops.Training.Runs;

/// <summary>Everything one <c>mlops train</c> needs: the data, the model, the loop settings and where to write.</summary>
public sealed record TrainRequest
{
    public required IDatasetSource Dataset { get; init; }
    public ModelSpec Model { get; init; } = new();
    public TrainerOptions Trainer { get; init; } = new();
    public int BatchSize { get; init; } = 32;
    public int MaxLength { get; init; } = 128;
    public bool BucketByLength { get; init; } = true;
    /// <summary>Run folder: the best model goes to <c>model/</c>, the resume point to <c>last/</c>.</summary>
    public string OutputDir { get; init; } = "models/default";
    public bool Resume { get; init; }
}
