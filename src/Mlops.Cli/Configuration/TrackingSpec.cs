using System.ComponentModel.DataAnnotations;

namespace Mlops.Cli.Configuration;

/// <summary>Where a run's metrics go besides the console.</summary>
public enum TrackingBackend
{
    /// <summary>Console only.</summary>
    None,
    /// <summary>One JSON line per evaluation in the run folder's <c>metrics.jsonl</c>.</summary>
    Jsonl,
    /// <summary>A tracking store (<c>tracking.uri</c>, SQLite or PostgreSQL): params, every series, status and heartbeat; metrics.jsonl too.</summary>
    Store,
}

/// <summary>The <c>tracking</c> section.</summary>
public sealed record TrackingSpec
{
    /// <summary>None when the section is absent (<c>~tracking</c>): deleting the group turns tracking off.</summary>
    public TrackingBackend Backend { get; init; } = TrackingBackend.None;

    /// <summary>The store: <c>sqlite:PATH</c> or <c>postgresql://user:password@host:port/database</c>.</summary>
    public string Uri { get; init; } = Tracking.TrackingStores.DefaultUri;

    /// <summary>Where runs wait, one file each, while their store is away; written into it when it answers again.</summary>
    public string SpoolDir { get; init; } = "outputs/tracking-spool";

    [Range(1, 3600)]
    public int HeartbeatSeconds { get; init; } = 5;

    [Range(1, 86400)]
    public int StaleAfterSeconds { get; init; } = 60;
}
