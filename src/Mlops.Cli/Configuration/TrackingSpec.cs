namespace Mlops.Cli.Configuration;

/// <summary>Where a run's metrics go besides the console.</summary>
public enum TrackingBackend
{
    /// <summary>Console only.</summary>
    None,
    /// <summary>One JSON line per evaluation in the run folder's <c>metrics.jsonl</c>.</summary>
    Jsonl,
}

/// <summary>The <c>tracking</c> section. Experiment stores (SQLite, PostgreSQL) will add backends here.</summary>
public sealed record TrackingSpec
{
    /// <summary>None when the section is absent (<c>~tracking</c>): deleting the group turns tracking off.</summary>
    public TrackingBackend Backend { get; init; } = TrackingBackend.None;
}
