using System.Data.Common;
using Mlops.Core;
using Mlops.Tracking.Predictions;
using Mlops.Tracking.Sql;
using Npgsql;
using NpgsqlTypes;

namespace Mlops.Tracking.Postgres;

/// <summary>
/// The team store: the same tables on a PostgreSQL server (Npgsql), chosen by
/// <c>tracking.uri=postgresql://user:password@host:port/database</c>. Schema creation is serialised by an advisory lock.
/// </summary>
public sealed class PostgresTrackingStore : SqlTrackingStore
{
    private static readonly SqlDialect Dialect = new()
    {
        CreateVersion1 = """
            CREATE TABLE schema_version (version INTEGER NOT NULL);
            CREATE TABLE runs (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, sweep TEXT, status TEXT NOT NULL,
                started_ms BIGINT NOT NULL, ended_ms BIGINT, heartbeat_ms BIGINT NOT NULL,
                model_id TEXT, git_commit TEXT, git_dirty BIGINT, config_hash TEXT, data_fingerprint TEXT, run_dir TEXT, notes TEXT);
            CREATE INDEX runs_started ON runs (started_ms DESC);
            CREATE INDEX runs_status ON runs (status, heartbeat_ms);
            CREATE TABLE params (run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
            CREATE TABLE tags (run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key));
            CREATE TABLE metrics (
                id BIGSERIAL PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                key TEXT NOT NULL, step BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL, time_ms BIGINT NOT NULL);
            CREATE INDEX metrics_series ON metrics (run_id, key, step);
            CREATE TABLE metric_summary (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, key TEXT NOT NULL,
                last DOUBLE PRECISION NOT NULL, last_step BIGINT NOT NULL, min DOUBLE PRECISION NOT NULL, max DOUBLE PRECISION NOT NULL,
                count BIGINT NOT NULL, PRIMARY KEY (run_id, key));
            CREATE INDEX metric_summary_key ON metric_summary (key, last);
            """,
        AutoId = "BIGSERIAL PRIMARY KEY",
        BigInt = "BIGINT",
        Double = "DOUBLE PRECISION",
        Least = "LEAST",
        Greatest = "GREATEST",
        CountTables = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
        CountVersionTables = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_version'",
        BeginWrite = connection => connection.BeginTransaction(),
        // Any fixed key: clients creating the schema of one database at once take turns.
        SchemaLock = "SELECT pg_advisory_xact_lock(7220177001)",
    };

    private readonly NpgsqlConnection _connection;

    private PostgresTrackingStore(NpgsqlConnection connection) : base(connection, Dialect) => _connection = connection;

    /// <summary>
    /// One binary COPY per batch instead of a round trip per point: over a network (even loopback) row-by-row INSERTs
    /// are bound by latency, tens of thousands of points a second at best.
    /// </summary>
    protected override void InsertPoints(DbTransaction transaction, string runId, IReadOnlyList<MetricPoint> points)
    {
        using var copy = _connection.BeginBinaryImport("COPY metrics (run_id, key, step, value, time_ms) FROM STDIN (FORMAT BINARY)");
        foreach (var point in points)
        {
            copy.StartRow();
            copy.Write(runId, NpgsqlDbType.Text);
            copy.Write(point.Key, NpgsqlDbType.Text);
            copy.Write(point.Step, NpgsqlDbType.Bigint);
            copy.Write(point.Value, NpgsqlDbType.Double);
            copy.Write(point.Time.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint);
        }
        copy.Complete();
    }

    /// <summary>Prediction events by binary COPY too, for the same reason: the serving API writes one per prediction.</summary>
    protected override void InsertPredictions(DbTransaction transaction, IReadOnlyList<StoredPrediction> events, IReadOnlyDictionary<string, long> modelKeys)
    {
        using var copy = _connection.BeginBinaryImport($"COPY prediction_events ({PredictionColumns}) FROM STDIN (FORMAT BINARY)");
        foreach (var e in events)
        {
            copy.StartRow();
            copy.Write(e.Timestamp.ToUnixTimeMilliseconds(), NpgsqlDbType.Bigint);
            copy.Write(modelKeys[e.ModelId ?? ""], NpgsqlDbType.Bigint);
            copy.Write(e.Source, NpgsqlDbType.Text);
            copy.Write(e.RequestId, NpgsqlDbType.Text);
            copy.Write(e.Label, NpgsqlDbType.Text);
            copy.Write(e.LabelIndex, NpgsqlDbType.Integer);
            copy.Write(e.Confidence, NpgsqlDbType.Double);
            copy.Write(e.Tokens, NpgsqlDbType.Integer);
            copy.Write(e.UnknownTokens, NpgsqlDbType.Integer);
            copy.Write(e.Latency.Ticks / 10, NpgsqlDbType.Bigint);
            if (e.TextHash is null) copy.WriteNull();
            else copy.Write(e.TextHash, NpgsqlDbType.Text);
        }
        copy.Complete();
    }

    /// <summary>The Npgsql connection settings of <c>postgresql://user:password@host:port/database</c> (user, password and port optional).</summary>
    public static NpgsqlConnectionStringBuilder ConnectionSettings(Uri uri)
    {
        var userInfo = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } database ? Uri.UnescapeDataString(database) : "postgres",
            Username = userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : null,
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
            Pooling = false,
            Timeout = 10,
        };
    }

    /// <summary>Opens the store on the server <paramref name="uri"/> names; <paramref name="migrate"/> upgrades an older schema first.</summary>
    public static PostgresTrackingStore Open(Uri uri, bool migrate = false)
    {
        var builder = ConnectionSettings(uri);
        var shown = $"postgresql://{uri.Host}:{builder.Port}/{builder.Database}";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            EnsureSchema(connection, Dialect, shown, migrate);
            return new PostgresTrackingStore(connection);
        }
        catch (Exception e) when (e is NpgsqlException or PostgresException)
        {
            connection.Dispose();
            throw new MlopsException($"Tracking store '{shown}' cannot be opened: {e.Message}",
                "Check that the server runs and accepts this user (tracking.uri=postgresql://user:password@host:port/database).", ExitCodes.DataError, e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
