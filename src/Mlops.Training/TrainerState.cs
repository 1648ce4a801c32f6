using System.Text.Json.Nodes;

namespace Mlops.Training;

/// <summary>Where a run stands, saved beside the weights and optimizer state so it can resume exactly there.</summary>
public sealed record TrainerState
{
    public int Epoch { get; init; }
    /// <summary>The next batch to run within <see cref="Epoch"/>; 0 when the epoch has not started.</summary>
    public int BatchInEpoch { get; init; }
    public int GlobalStep { get; init; }
    public bool Finished { get; init; }
    /// <summary>
    /// Mid-epoch, the random generator's state (torch's CPU generator, base64), so dropout after a resume draws what it
    /// would have drawn; null at an epoch's end, where the next epoch reseeds.
    /// </summary>
    public string? RngState { get; init; }
    public Dictionary<string, JsonNode?> Callbacks { get; init; } = [];
}
