namespace Mlops.Tracking;

/// <summary>One entry of a model's append-only alias history: who moved which alias from which version to which, and when.</summary>
public sealed record AliasChange(string Name, string Alias, int? FromVersion, int? ToVersion, string? ChangedBy, DateTimeOffset ChangedAt);
