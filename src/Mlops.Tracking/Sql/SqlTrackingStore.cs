using System.Data;
using System.Data.Common;
using Mlops.Core;
using Mlops.Tracking.Predictions;
using Mlops.Tracking.Artifacts;

namespace Mlops.Tracking.Sql;

/// <summary>
/// The tracking store over ADO.NET, shared by SQLite and PostgreSQL: one connection per process used by one caller at
/// a time, every write one transaction. Runs, params and tags, the series (<c>metrics</c>) and per-metric summaries
/// (<c>metric_summary</c>, updated in the same transaction as the points, so listing and sorting runs never reads a
/// series). The schema is created in an empty database on first use; a database at another version is refused, so two
/// program versions never write one store differently (the first schema change brings its migration command).
/// </summary>
public abstract partial class SqlTrackingStore : ITrackingStore, IPredictionStore
{
    public const int SchemaVersion = 5;

    private readonly DbConnection _connection;
    private readonly SqlDialect _dialect;
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected SqlTrackingStore(DbConnection connection, SqlDialect dialect) => (_connection, _dialect) = (connection, dialect);

    /// <summary>
    /// What takes a store from each version to the next: [0] from 1 to 2 (the model registry), [1] from 2 to 3
    /// (artifacts), [2] from 3 to 4 (prediction events of the serving API, for the monitoring view), [3] from 4 to 5
    /// (events name their model by a small key into <c>prediction_models</c>: the long model id in every row and its
    /// index cost the serving API more per prediction than the rest of the row; one index, which the retention uses too).
    /// </summary>
    private static IReadOnlyList<string> Migrations(SqlDialect dialect) =>
    [
        $"""
        CREATE TABLE model_versions (
            name TEXT NOT NULL, version INTEGER NOT NULL, model_dir TEXT NOT NULL, run_id TEXT, model_id TEXT,
            created_ms {dialect.BigInt} NOT NULL, created_by TEXT, PRIMARY KEY (name, version));
        CREATE TABLE model_aliases (
            name TEXT NOT NULL, alias TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (name, alias),
            FOREIGN KEY (name, version) REFERENCES model_versions (name, version));
        CREATE TABLE alias_history (
            id {dialect.AutoId}, name TEXT NOT NULL, alias TEXT NOT NULL, from_version INTEGER, to_version INTEGER,
            changed_by TEXT, changed_ms {dialect.BigInt} NOT NULL);
        CREATE INDEX alias_history_alias ON alias_history (name, alias, id);
        """,
        $"""
        CREATE TABLE artifacts (
            run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, path TEXT NOT NULL, bytes {dialect.BigInt} NOT NULL, sha256 TEXT NOT NULL,
            PRIMARY KEY (run_id, path));
        """,
        $"""
        CREATE TABLE prediction_events (
            id {dialect.AutoId}, at_ms {dialect.BigInt} NOT NULL, model_id TEXT NOT NULL, source TEXT NOT NULL, request_id TEXT NOT NULL,
            label TEXT NOT NULL, label_index INTEGER NOT NULL, confidence {dialect.Double} NOT NULL, tokens INTEGER NOT NULL,
            unknown_tokens INTEGER NOT NULL, latency_us {dialect.BigInt} NOT NULL, text_hash TEXT);
        CREATE INDEX prediction_events_model ON prediction_events (model_id, at_ms);
        CREATE INDEX prediction_events_at ON prediction_events (at_ms);
        """,
        $"""
        CREATE TABLE prediction_models (model_key {dialect.AutoId}, model_id TEXT NOT NULL UNIQUE);
        INSERT INTO prediction_models (model_id) SELECT DISTINCT model_id FROM prediction_events ORDER BY model_id;
        CREATE TABLE prediction_events_5 (
            id {dialect.AutoId}, at_ms {dialect.BigInt} NOT NULL, model_key {dialect.BigInt} NOT NULL REFERENCES prediction_models (model_key),
            source TEXT NOT NULL, request_id TEXT NOT NULL, label TEXT NOT NULL, label_index INTEGER NOT NULL,
            confidence {dialect.Double} NOT NULL, tokens INTEGER NOT NULL, unknown_tokens INTEGER NOT NULL, latency_us {dialect.BigInt} NOT NULL,
            text_hash TEXT);
        INSERT INTO prediction_events_5 (at_ms, model_key, source, request_id, label, label_index, confidence, tokens, unknown_tokens, latency_us, text_hash)
            SELECT e.at_ms, m.model_key, e.source, e.request_id, e.label, e.label_index, e.confidence, e.tokens, e.unknown_tokens, e.latency_us, e.text_hash
            FROM prediction_events e JOIN prediction_models m ON m.model_id = e.model_id ORDER BY e.id;
        DROP TABLE prediction_events;
        ALTER TABLE prediction_events_5 RENAME TO prediction_events;
        CREATE INDEX prediction_events_model ON prediction_events (model_key, at_ms);
        """,
    ];

    /// <summary>
    /// Creates the schema in an empty database, or checks an existing one is at <see cref="SchemaVersion"/>; an older
    /// one is upgraded only when <paramref name="migrate"/> (<c>mlops tracking migrate</c>), never on the way.
    /// </summary>
    protected static void EnsureSchema(DbConnection connection, SqlDialect dialect, string origin, bool migrate)
    {
        using var transaction = dialect.BeginWrite(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        void Execute(string sql)
        {
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        if (dialect.SchemaLock is { } schemaLock) Execute(schemaLock);
        command.CommandText = dialect.CountTables;
        if (Convert.ToInt64(command.ExecuteScalar()) == 0)
        {
            Execute(dialect.CreateVersion1);
            foreach (var migration in Migrations(dialect)) Execute(migration);
            Execute($"INSERT INTO schema_version (version) VALUES ({SchemaVersion})");
            transaction.Commit();
            return;
        }
        command.CommandText = dialect.CountVersionTables;
        if (Convert.ToInt64(command.ExecuteScalar()) == 0)
            throw new MlopsException($"'{origin}' holds other tables but no mlops tracking store (it has no schema_version table).",
                "Point tracking.uri at another file or database, or move this one away.", ExitCodes.DataError);
        command.CommandText = "SELECT max(version) FROM schema_version";
        var version = Convert.ToInt64(command.ExecuteScalar());
        if (version > SchemaVersion)
            throw new MlopsException($"Tracking store '{origin}' has schema version {version}; this mlops reads version {SchemaVersion}.",
                "Use the mlops that wrote it, or a newer one.", ExitCodes.DataError);
        if (version < SchemaVersion && !migrate)
            throw new MlopsException($"Tracking store '{origin}' has schema version {version}; this mlops needs version {SchemaVersion}.",
                "Upgrade it once, with nothing writing to it: `mlops tracking migrate` (with the same tracking.uri).", ExitCodes.DataError);
        for (; version < SchemaVersion; version++) Execute(Migrations(dialect)[(int)version - 1]);
        Execute($"UPDATE schema_version SET version = {SchemaVersion}");
        transaction.Commit();
    }

    public Task<string> CreateRunAsync(RunStart run, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(transaction =>
        {
            var id = run.Id ?? NewRunId();
            // A run that has this id already is a resumed one: running again from now, with the code and config it resumed with.
            using (var insert = Command(transaction, """
                INSERT INTO runs (id, name, sweep, status, started_ms, heartbeat_ms, git_commit, git_dirty, config_hash, data_fingerprint, run_dir, notes)
                VALUES (@id, @name, @sweep, 'running', @now, @now, @commit, @dirty, @config, @data, @dir, @notes)
                ON CONFLICT (id) DO UPDATE SET status = 'running', ended_ms = NULL, heartbeat_ms = excluded.heartbeat_ms,
                    git_commit = excluded.git_commit, git_dirty = excluded.git_dirty, config_hash = excluded.config_hash
                """))
            {
                Bind(insert, ("@id", id), ("@name", run.Name), ("@sweep", run.Sweep), ("@now", now.ToUnixTimeMilliseconds()), ("@commit", run.GitCommit),
                    ("@config", run.ConfigHash), ("@data", run.DataFingerprint), ("@dir", run.RunDir), ("@notes", run.Notes));
                // Typed apart: an unknown dirty flag is a null integer, not a null string.
                Parameter(insert, "@dirty", DbType.Int64).Value = run.GitDirty is { } dirty ? (dirty ? 1L : 0L) : DBNull.Value;
                insert.ExecuteNonQuery();
            }
            foreach (var (table, pairs) in new[] { ("params", run.Params), ("tags", run.Tags) })
            {
                using (var clear = Command(transaction, $"DELETE FROM {table} WHERE run_id = @id"))
                {
                    Bind(clear, ("@id", id));
                    clear.ExecuteNonQuery();
                }
                using var command = Command(transaction, $"INSERT INTO {table} (run_id, key, value) VALUES (@id, @key, @value)");
                Bind(command, ("@id", id));
                var (key, value) = (Parameter(command, "@key", DbType.String), Parameter(command, "@value", DbType.String));
                foreach (var pair in pairs)
                {
                    (key.Value, value.Value) = (pair.Key, pair.Value);
                    command.ExecuteNonQuery();
                }
            }
            return id;
        }, cancellationToken);

    public Task AppendAsync(string runId, IReadOnlyList<MetricPoint> points, DateTimeOffset heartbeat, CancellationToken cancellationToken = default) =>
        WriteAsync(transaction =>
        {
            InsertPoints(transaction, runId, points);
            using (var summary = Command(transaction, $"""
                INSERT INTO metric_summary AS s (run_id, key, last, last_step, min, max, count) VALUES (@run, @key, @last, @step, @min, @max, @count)
                ON CONFLICT (run_id, key) DO UPDATE SET
                    last = CASE WHEN excluded.last_step >= s.last_step THEN excluded.last ELSE s.last END,
                    last_step = {_dialect.Greatest}(s.last_step, excluded.last_step), min = {_dialect.Least}(s.min, excluded.min),
                    max = {_dialect.Greatest}(s.max, excluded.max), count = s.count + excluded.count
                """))
            {
                Bind(summary, ("@run", runId));
                var (key, last, step, min, max, count) = (Parameter(summary, "@key", DbType.String), Parameter(summary, "@last", DbType.Double),
                    Parameter(summary, "@step", DbType.Int64), Parameter(summary, "@min", DbType.Double),
                    Parameter(summary, "@max", DbType.Double), Parameter(summary, "@count", DbType.Int64));
                foreach (var series in points.GroupBy(p => p.Key))
                {
                    var latest = series.MaxBy(p => p.Step);
                    (key.Value, last.Value, step.Value) = (series.Key, latest.Value, latest.Step);
                    (min.Value, max.Value, count.Value) = (series.Min(p => p.Value), series.Max(p => p.Value), (long)series.Count());
                    summary.ExecuteNonQuery();
                }
            }
            using var beat = Command(transaction, "UPDATE runs SET heartbeat_ms = @now WHERE id = @run");
            Bind(beat, ("@now", heartbeat.ToUnixTimeMilliseconds()), ("@run", runId));
            beat.ExecuteNonQuery();
            return 0;
        }, cancellationToken);

    public Task EndRunAsync(string runId, RunStatus status, RunEnd end, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(transaction =>
        {
            using var update = Command(transaction, """
                UPDATE runs SET status = @status, ended_ms = @now, heartbeat_ms = @now,
                    model_id = coalesce(@model, model_id), data_fingerprint = coalesce(@data, data_fingerprint) WHERE id = @run
                """);
            Bind(update, ("@status", StatusText(status)), ("@now", now.ToUnixTimeMilliseconds()), ("@model", end.ModelId), ("@data", end.DataFingerprint), ("@run", runId));
            if (update.ExecuteNonQuery() != 1) throw new MlopsException($"No run '{runId}' in the tracking store.", null, ExitCodes.UserError);
            if (end.Artifacts is not { } artifacts) return 0;
            using (var clear = Command(transaction, "DELETE FROM artifacts WHERE run_id = @run"))
            {
                Bind(clear, ("@run", runId));
                clear.ExecuteNonQuery();
            }
            using var insert = Command(transaction, "INSERT INTO artifacts (run_id, path, bytes, sha256) VALUES (@run, @path, @bytes, @sha)");
            Bind(insert, ("@run", runId));
            var (path, bytes, sha) = (Parameter(insert, "@path", DbType.String), Parameter(insert, "@bytes", DbType.Int64), Parameter(insert, "@sha", DbType.String));
            foreach (var artifact in artifacts)
            {
                (path.Value, bytes.Value, sha.Value) = (artifact.Path, artifact.Bytes, artifact.Sha256);
                insert.ExecuteNonQuery();
            }
            return 0;
        }, cancellationToken);

    public Task<int> FailStaleRunsAsync(TimeSpan timeout, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(transaction =>
        {
            using var update = Command(transaction, "UPDATE runs SET status = 'failed', ended_ms = heartbeat_ms WHERE status = 'running' AND heartbeat_ms < @before");
            Bind(update, ("@before", (now - timeout).ToUnixTimeMilliseconds()));
            return update.ExecuteNonQuery();
        }, cancellationToken);

    public Task<bool> DeleteRunAsync(string runId, CancellationToken cancellationToken = default) =>
        WriteAsync(transaction =>
        {
            using var registered = Command(transaction, "SELECT name, version FROM model_versions WHERE run_id = @run ORDER BY name, version");
            Bind(registered, ("@run", runId));
            var versions = new List<string>();
            using (var reader = registered.ExecuteReader())
                while (reader.Read()) versions.Add($"{reader.GetString(0)} version {Convert.ToInt32(reader.GetValue(1))}");
            if (versions.Count > 0)
                throw new MlopsException($"Run {runId} made registered model {string.Join(", ", versions)}; deleting it would leave models:/ references pointing nowhere.",
                    "Keep the run, or register another version and move the aliases first.", ExitCodes.UserError);
            // Children first: PostgreSQL cascades by itself, SQLite only with foreign keys on; this works for both either way.
            foreach (var table in new[] { "metrics", "metric_summary", "params", "tags", "artifacts" })
            {
                using var children = Command(transaction, $"DELETE FROM {table} WHERE run_id = @run");
                Bind(children, ("@run", runId));
                children.ExecuteNonQuery();
            }
            using var delete = Command(transaction, "DELETE FROM runs WHERE id = @run");
            Bind(delete, ("@run", runId));
            return delete.ExecuteNonQuery() == 1;
        }, cancellationToken);

    /// <summary>Adds points to the series inside a write transaction: one prepared INSERT per point, which an embedded store runs in microseconds.</summary>
    protected virtual void InsertPoints(DbTransaction transaction, string runId, IReadOnlyList<MetricPoint> points)
    {
        using var insert = Command(transaction, "INSERT INTO metrics (run_id, key, step, value, time_ms) VALUES (@run, @key, @step, @value, @time)");
        Bind(insert, ("@run", runId));
        var (key, step, value, time) = (Parameter(insert, "@key", DbType.String), Parameter(insert, "@step", DbType.Int64),
            Parameter(insert, "@value", DbType.Double), Parameter(insert, "@time", DbType.Int64));
        insert.Prepare();
        foreach (var point in points)
        {
            (key.Value, step.Value, value.Value, time.Value) = (point.Key, point.Step, point.Value, point.Time.ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Twelve hex digits: short enough to type, random enough not to collide in one store.</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N")[..12];

    private static string StatusText(RunStatus status) => status.ToString().ToLowerInvariant();

    private DbCommand Command(DbTransaction? transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static DbParameter Parameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.DbType) = (name, type);
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Binds values by name, typed by value; a null binds as a null string (PostgreSQL wants a type even for <c>@x IS NULL</c>).</summary>
    private static void Bind(DbCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            var parameter = Parameter(command, name, value switch { long => DbType.Int64, double => DbType.Double, _ => DbType.String });
            parameter.Value = value ?? DBNull.Value;
        }
    }

    /// <summary>The first column of every row <paramref name="sql"/> selects, as text, with <paramref name="parameters"/> bound.</summary>
    private List<string> Strings(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(null, sql);
        Bind(command, parameters);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    /// <summary>One writer at a time on the process's connection, each write one transaction.</summary>
    private Task<T> WriteAsync<T>(Func<DbTransaction, T> write, CancellationToken cancellationToken) =>
        ReadAsync(() =>
        {
            using var transaction = _dialect.BeginWrite(_connection);
            var result = write(transaction);
            transaction.Commit();
            return result;
        }, cancellationToken);

    private async Task<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return read();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the connection once the operation in flight (a client's last batch, say) has finished.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        await _connection.DisposeAsync();
        _gate.Dispose();
        GC.SuppressFinalize(this);
    }
}
