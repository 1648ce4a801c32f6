using System.Data.Common;
using Microsoft.Data.Sqlite;
using Mlops.Core;
using Mlops.Tracking.Predictions;
using Mlops.Tracking.Sql;
using SQLitePCL;

namespace Mlops.Tracking.Sqlite;

/// <summary>
/// The embedded store, the default: one SQLite file, created with its schema on first use. WAL, so readers never block
/// the writer; a busy timeout, so writers in other processes wait instead of failing with "database is locked".
/// </summary>
public sealed class SqliteTrackingStore : SqlTrackingStore
{
    private static readonly SqlDialect Dialect = new()
    {
        CreateVersion1 = """
            CREATE TABLE schema_version (version INTEGER NOT NULL);
            CREATE TABLE runs (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, sweep TEXT, status TEXT NOT NULL,
                started_ms INTEGER NOT NULL, ended_ms INTEGER, heartbeat_ms INTEGER NOT NULL,
                model_id TEXT, git_commit TEXT, git_dirty INTEGER, config_hash TEXT, data_fingerprint TEXT, run_dir TEXT, notes TEXT);
            CREATE INDEX runs_started ON runs (started_ms DESC);
            CREATE INDEX runs_status ON runs (status, heartbeat_ms);
            CREATE TABLE params (run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key)) WITHOUT ROWID;
            CREATE TABLE tags (run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key)) WITHOUT ROWID;
            CREATE TABLE metrics (
                id INTEGER PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                key TEXT NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL, time_ms INTEGER NOT NULL);
            CREATE INDEX metrics_series ON metrics (run_id, key, step);
            CREATE TABLE metric_summary (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL,
                last REAL NOT NULL, last_step INTEGER NOT NULL, min REAL NOT NULL, max REAL NOT NULL, count INTEGER NOT NULL,
                PRIMARY KEY (run_id, key)) WITHOUT ROWID;
            CREATE INDEX metric_summary_key ON metric_summary (key, last);
            """,
        AutoId = "INTEGER PRIMARY KEY",
        BigInt = "INTEGER",
        Double = "REAL",
        Least = "min",
        Greatest = "max",
        CountTables = "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        CountVersionTables = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
        // BEGIN IMMEDIATE: the write lock from the start, so two writers never both read-then-write.
        BeginWrite = connection => ((SqliteConnection)connection).BeginTransaction(deferred: false),
    };

    private readonly SqliteConnection _connection;

    private SqliteTrackingStore(SqliteConnection connection) : base(connection, Dialect) => _connection = connection;

    /// <summary>
    /// Prediction events through SQLite's own API (the provider's handle): one statement bound by position and stepped
    /// per event. ADO.NET looks each parameter up by name and boxes each value on every execution, which doubled the
    /// cost per event, paid by the serving API for every prediction.
    /// </summary>
    protected override void InsertPredictions(DbTransaction transaction, IReadOnlyList<StoredPrediction> events, IReadOnlyDictionary<string, long> modelKeys)
    {
        var db = _connection.Handle!;
        Check(raw.sqlite3_prepare_v2(db, $"INSERT INTO prediction_events ({PredictionColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", out var insert));
        using (insert)
            foreach (var e in events)
            {
                raw.sqlite3_bind_int64(insert, 1, e.Timestamp.ToUnixTimeMilliseconds());
                raw.sqlite3_bind_int64(insert, 2, modelKeys[e.ModelId ?? ""]);
                raw.sqlite3_bind_text(insert, 3, e.Source);
                raw.sqlite3_bind_text(insert, 4, e.RequestId);
                raw.sqlite3_bind_text(insert, 5, e.Label);
                raw.sqlite3_bind_int(insert, 6, e.LabelIndex);
                raw.sqlite3_bind_double(insert, 7, e.Confidence);
                raw.sqlite3_bind_int(insert, 8, e.Tokens);
                raw.sqlite3_bind_int(insert, 9, e.UnknownTokens);
                raw.sqlite3_bind_int64(insert, 10, e.Latency.Ticks / 10);
                if (e.TextHash is null) raw.sqlite3_bind_null(insert, 11);
                else raw.sqlite3_bind_text(insert, 11, e.TextHash);
                Check(raw.sqlite3_step(insert));
                Check(raw.sqlite3_reset(insert));
            }

        void Check(int code) => SqliteException.ThrowExceptionForRC(code, db);
    }

    /// <summary>Opens (or creates) the store in <paramref name="path"/>; <paramref name="migrate"/> upgrades an older schema first.</summary>
    public static SqliteTrackingStore Open(string path, bool migrate = false)
    {
        var full = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MlopsException($"Tracking store '{full}' cannot be opened: {e.Message}",
                "Point tracking.uri at a folder this user can write.", ExitCodes.DataError, e);
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
                pragmas.ExecuteNonQuery();
            }
            EnsureSchema(connection, Dialect, full, migrate);
            return new SqliteTrackingStore(connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new MlopsException($"Tracking store '{full}' cannot be opened: {e.Message}",
                "If the file is damaged, move it away (a new one is created on the next run) or restore a copy.", ExitCodes.DataError, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
