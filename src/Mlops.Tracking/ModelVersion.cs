namespace Mlops.Tracking;

/// <summary>One registered version of a named model: where its folder is, the run that made it, and the aliases pointing at it.</summary>
public sealed record ModelVersion
{
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required string ModelDir { get; init; }
    public string? RunId { get; init; }
    public string? ModelId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
