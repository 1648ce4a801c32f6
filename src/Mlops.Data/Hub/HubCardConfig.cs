namespace Mlops.Data.Hub;

/// <summary>One subset (a <c>configs</c> entry) of a dataset card: its name, whether it is the default, and its splits' files.</summary>
internal sealed record HubCardConfig(string Name, bool IsDefault, IReadOnlyList<HubCardSplit> Splits);
