using System.ComponentModel.DataAnnotations;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Shipping;

namespace Mlops.Monitoring;

/// <summary>
/// The <c>monitoring</c> config group: where prediction events go (stdout, rolling JSON-lines files, Elasticsearch, the
/// tracking store), whether the text itself may be logged (by default only its salted hash), and when live traffic
/// counts as drifted.
/// </summary>
public sealed record MonitoringOptions
{
    /// <summary>Off: no prediction events, no drift monitor (the serving benchmark's baseline).</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>One ECS line per prediction on stdout: what a container runtime or Lambda (CloudWatch) collects.</summary>
    public bool Stdout { get; init; } = true;
    /// <summary>A folder for rolling JSON-lines files (<c>predictions-YYYYMMDD.jsonl</c>), or empty for none.</summary>
    public string LogDir { get; init; } = "";
    [Range(1, 100_000)] public int FileSizeMb { get; init; } = 100;
    /// <summary>Files kept in <see cref="LogDir"/>; older ones are deleted as new ones start.</summary>
    [Range(1, 10_000)] public int RetainedFiles { get; init; } = 31;
    /// <summary>Events waiting to be written; when writing falls behind by this many, new events are dropped and counted, predictions never wait.</summary>
    [Range(1, 10_000_000)] public int BufferEvents { get; init; } = 10_000;
    /// <summary>Log the sentence itself (off: only its salted hash leaves the process).</summary>
    public bool LogText { get; init; }
    /// <summary>The secret salt of the text hashes; empty: a random one per process (hashes then match within one process only).</summary>
    public string TextSalt { get; init; } = "";
    /// <summary>The reference profile; empty: <c>reference_profile.json</c> beside the model, and no drift monitor without one.</summary>
    public string Profile { get; init; } = "";
    public DriftThresholds Drift { get; init; } = new();
    /// <summary>Shipping to Elasticsearch with the bulk API (off until a URL is given).</summary>
    public ElasticsearchOptions Elasticsearch { get; init; } = new();
    /// <summary>Batches into the tracking store, for <c>mlops ui</c>'s monitoring view (the HTTP API; on by default).</summary>
    public StoreShippingOptions Store { get; init; } = new();
}
