using Microsoft.Data.Sqlite;
using Mlops.Core;

namespace Mlops.Tracking.Sqlite;

/// <summary>
/// The store's tables and their version. A new, empty file gets the current schema on first use (nothing to migrate);
/// a file at another version is refused, so two program versions never write one store differently. Version 1 is the
/// first: the first schema change brings its migration, run by one command, never by a client on the way.
/// </summary>
public static class SqliteSchema
{
    public const int Version = 1;

    private const string CreateV1 = """
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        CREATE TABLE runs (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, sweep TEXT, status TEXT NOT NULL,
            started_ms INTEGER NOT NULL, ended_ms INTEGER, heartbeat_ms INTEGER NOT NULL,
            model_id TEXT, git_commit TEXT, git_dirty INTEGER, config_hash TEXT, data_fingerprint TEXT, run_dir TEXT, notes TEXT);
        CREATE INDEX runs_started ON runs (started_ms DESC);
        CREATE INDEX runs_status ON runs (status, heartbeat_ms);
        CREATE TABLE params (run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key)) WITHOUT ROWID;
        CREATE TABLE tags (run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key)) WITHOUT ROWID;
        CREATE TABLE metrics (run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL, time_ms INTEGER NOT NULL);
        CREATE INDEX metrics_series ON metrics (run_id, key, step);
        CREATE TABLE metric_summary (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL,
            last REAL NOT NULL, last_step INTEGER NOT NULL, min REAL NOT NULL, max REAL NOT NULL, count INTEGER NOT NULL,
            PRIMARY KEY (run_id, key)) WITHOUT ROWID;
        CREATE INDEX metric_summary_key ON metric_summary (key, last);
        INSERT INTO schema_version (version) VALUES (1);
        """;

    /// <summary>Creates the schema in an empty database, or checks that an existing one is at <see cref="Version"/>.</summary>
    public static void Ensure(SqliteConnection connection, string path)
    {
        // Read and create under one write lock, so writers opening a new file at once create the schema once.
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, transaction, path);
        if (version is null)
        {
            using var create = connection.CreateCommand();
            create.Transaction = transaction;
            create.CommandText = CreateV1;
            create.ExecuteNonQuery();
        }
        else if (version != Version)
            throw new MlopsException($"Tracking store '{path}' has schema version {version}; this mlops reads version {Version}.",
                "Use the mlops that wrote it, or a newer one.", ExitCodes.DataError);
        transaction.Commit();
    }

    private static long? ReadVersion(SqliteConnection connection, SqliteTransaction transaction, string path)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        if ((long)command.ExecuteScalar()! == 0) return null;
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if ((long)command.ExecuteScalar()! == 0)
            throw new MlopsException($"'{path}' is an SQLite database but not an mlops tracking store (it has no schema_version table).",
                "Point tracking.uri at another file, or move this one away.", ExitCodes.DataError);
        command.CommandText = "SELECT max(version) FROM schema_version";
        return command.ExecuteScalar() as long?;
    }
}
