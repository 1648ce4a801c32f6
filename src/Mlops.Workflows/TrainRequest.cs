using Mlops.Training;
using Mlops.Core;
using Mlops.Data;

namespace Mlops.Workflows;

/// <summary>Everything one <c>mlops train</c> needs: the data, the model, the loop settings and where to write.</summary>
public sealed record TrainRequest
{
    public required IDatasetSource Dataset { get; init; }
    public DataOptions Data { get; init; } = new();
    public ModelSpec Model { get; init; } = new();
    public TrainerOptions Trainer { get; init; } = new();
    /// <summary>Run folder: the best model goes to <c>model/</c>, the resume point to <c>last/</c>.</summary>
    public string OutputDir { get; init; } = "models/default";
    public bool Resume { get; init; }
    /// <summary>Source tree, config hash and run folder, recorded in the model card.</summary>
    public RunProvenance Provenance { get; init; } = new();
}
