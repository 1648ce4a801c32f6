using Mlops.Core;

namespace Mlops.Tracking.Predictions;

/// <summary>
/// A model version as the monitoring view lists it: its id, the registered names it has (if any) and the folder of the
/// latest (where its reference profile is), and its kept traffic.
/// </summary>
public sealed record MonitoredModel(string ModelId, IReadOnlyList<string> Registered, string? ModelDir, long Events, DateTimeOffset First, DateTimeOffset Last)
{
    /// <summary>The short version the host logs and shows (<c>ml.model.version</c>): the id's first twelve hex digits.</summary>
    public string Version => ModelCard.ShortVersion(ModelId);
}
