using System.ComponentModel.DataAnnotations;

namespace Mlops.Cli.Configuration;

/// <summary>The <c>serving</c> section: which model <c>predict</c> and <c>evaluate</c> load, and their batch size.</summary>
public sealed record ServingSpec
{
    /// <summary>A model folder or a run folder holding <c>model/</c>; by default the latest run.</summary>
    public string ModelDir { get; init; } = "outputs/latest";
    [Range(1, 65536)] public int BatchSize { get; init; } = 64;
}
