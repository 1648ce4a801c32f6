using System.Data.Common;

namespace Mlops.Tracking.Sql;

/// <summary>
/// What differs between the SQL stores: the schema's DDL, the scalar min/max functions, how to ask whether the schema
/// exists, and how a write transaction starts (taking the write lock at once, so schema creation happens once).
/// </summary>
public sealed record SqlDialect
{
    /// <summary>The tables of schema version 1 (runs, params, tags, metrics, summaries, schema_version); later versions add to them.</summary>
    public required string CreateVersion1 { get; init; }
    /// <summary>An auto-numbered primary key column type, and a 64-bit integer type.</summary>
    public required string AutoId { get; init; }
    public required string BigInt { get; init; }
    /// <summary>A 64-bit floating-point column type.</summary>
    public required string Double { get; init; }
    /// <summary>Two-argument scalar minimum and maximum (<c>min</c>/<c>max</c> in SQLite, <c>LEAST</c>/<c>GREATEST</c> in PostgreSQL).</summary>
    public required string Least { get; init; }
    public required string Greatest { get; init; }
    /// <summary>Counts the tables in the store's database (or schema).</summary>
    public required string CountTables { get; init; }
    /// <summary>Counts tables named <c>schema_version</c> there.</summary>
    public required string CountVersionTables { get; init; }
    /// <summary>Begins a transaction that holds the write lock from its start.</summary>
    public required Func<DbConnection, DbTransaction> BeginWrite { get; init; }
    /// <summary>Run first inside the schema transaction where the transaction alone does not serialise creators (an advisory lock).</summary>
    public string? SchemaLock { get; init; }
}
