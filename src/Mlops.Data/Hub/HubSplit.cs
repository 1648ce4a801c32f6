namespace Mlops.Data.Hub;

/// <summary>The files of one split of a hub dataset, in the order they are read, and the patterns that found them.</summary>
internal sealed record HubSplit(string Name, IReadOnlyList<string> Patterns, IReadOnlyList<HubFile> Files);
