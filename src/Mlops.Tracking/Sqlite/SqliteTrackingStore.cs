using Microsoft.Data.Sqlite;
using Mlops.Core;

namespace Mlops.Tracking.Sqlite;

/// <summary>
/// The embedded store: one SQLite file (WAL, so readers never block the writer; a busy timeout, so concurrent writers
/// wait instead of failing with "database is locked") opened through one connection per process. Created with its
/// schema on first use. Every append is one transaction that also updates the per-metric summaries.
/// </summary>
public sealed class SqliteTrackingStore : ITrackingStore
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteTrackingStore(SqliteConnection connection) => _connection = connection;

    public static SqliteTrackingStore Open(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
            SqliteSchema.Ensure(connection, full);
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

    public Task<string> CreateRunAsync(RunStart run, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(transaction =>
        {
            var id = Guid.NewGuid().ToString("N")[..12];
            using (var insert = Command(transaction, """
                INSERT INTO runs (id, name, sweep, status, started_ms, heartbeat_ms, git_commit, git_dirty, config_hash, data_fingerprint, run_dir, notes)
                VALUES ($id, $name, $sweep, 'running', $now, $now, $commit, $dirty, $config, $data, $dir, $notes)
                """))
            {
                Bind(insert, ("$id", id), ("$name", run.Name), ("$sweep", run.Sweep), ("$now", now.ToUnixTimeMilliseconds()), ("$commit", run.GitCommit),
                    ("$dirty", run.GitDirty), ("$config", run.ConfigHash), ("$data", run.DataFingerprint), ("$dir", run.RunDir), ("$notes", run.Notes));
                insert.ExecuteNonQuery();
            }
            foreach (var (table, pairs) in new[] { ("params", run.Params), ("tags", run.Tags) })
            {
                using var command = Command(transaction, $"INSERT INTO {table} (run_id, key, value) VALUES ($id, $key, $value)");
                var (key, value) = (command.Parameters.Add("$key", SqliteType.Text), command.Parameters.Add("$value", SqliteType.Text));
                command.Parameters.AddWithValue("$id", id);
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
            using (var insert = Command(transaction, "INSERT INTO metrics (run_id, key, step, value, time_ms) VALUES ($run, $key, $step, $value, $time)"))
            {
                insert.Parameters.AddWithValue("$run", runId);
                var (key, step, value, time) = (insert.Parameters.Add("$key", SqliteType.Text), insert.Parameters.Add("$step", SqliteType.Integer),
                    insert.Parameters.Add("$value", SqliteType.Real), insert.Parameters.Add("$time", SqliteType.Integer));
                foreach (var point in points)
                {
                    (key.Value, step.Value, value.Value, time.Value) = (point.Key, point.Step, point.Value, point.Time.ToUnixTimeMilliseconds());
                    insert.ExecuteNonQuery();
                }
            }
            using (var summary = Command(transaction, """
                INSERT INTO metric_summary (run_id, key, last, last_step, min, max, count) VALUES ($run, $key, $last, $step, $min, $max, $count)
                ON CONFLICT (run_id, key) DO UPDATE SET
                    last = CASE WHEN excluded.last_step >= last_step THEN excluded.last ELSE last END,
                    last_step = max(last_step, excluded.last_step), min = min(min, excluded.min), max = max(max, excluded.max), count = count + excluded.count
                """))
            {
                summary.Parameters.AddWithValue("$run", runId);
                var (key, last, step, min, max, count) = (summary.Parameters.Add("$key", SqliteType.Text), summary.Parameters.Add("$last", SqliteType.Real),
                    summary.Parameters.Add("$step", SqliteType.Integer), summary.Parameters.Add("$min", SqliteType.Real),
                    summary.Parameters.Add("$max", SqliteType.Real), summary.Parameters.Add("$count", SqliteType.Integer));
                foreach (var series in points.GroupBy(p => p.Key))
                {
                    var latest = series.MaxBy(p => p.Step);
                    (key.Value, last.Value, step.Value) = (series.Key, latest.Value, latest.Step);
                    (min.Value, max.Value, count.Value) = (series.Min(p => p.Value), series.Max(p => p.Value), series.Count());
                    summary.ExecuteNonQuery();
                }
            }
            using var beat = Command(transaction, "UPDATE runs SET heartbeat_ms = $now WHERE id = $run");
            Bind(beat, ("$now", heartbeat.ToUnixTimeMilliseconds()), ("$run", runId));
            beat.ExecuteNonQuery();
            return 0;
        }, cancellationToken);

    public Task EndRunAsync(string runId, RunStatus status, RunEnd end, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(transaction =>
        {
            using var update = Command(transaction, """
                UPDATE runs SET status = $status, ended_ms = $now, heartbeat_ms = $now,
                    model_id = coalesce($model, model_id), data_fingerprint = coalesce($data, data_fingerprint) WHERE id = $run
                """);
            Bind(update, ("$status", StatusText(status)), ("$now", now.ToUnixTimeMilliseconds()), ("$model", end.ModelId), ("$data", end.DataFingerprint), ("$run", runId));
            return update.ExecuteNonQuery() == 1 ? 0 : throw new MlopsException($"No run '{runId}' in the tracking store.", null, ExitCodes.UserError);
        }, cancellationToken);

    public Task<int> FailStaleRunsAsync(TimeSpan timeout, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        WriteAsync(transaction =>
        {
            using var update = Command(transaction, "UPDATE runs SET status = 'failed', ended_ms = heartbeat_ms WHERE status = 'running' AND heartbeat_ms < $before");
            Bind(update, ("$before", (now - timeout).ToUnixTimeMilliseconds()));
            return update.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<RunRecord>>(() =>
        {
            var order = query.SortMetric is null ? "r.started_ms" : "sort.last";
            var direction = query.Descending ? "DESC" : "ASC";
            using var command = Command(null, $"""
                SELECT r.* FROM runs r LEFT JOIN metric_summary sort ON sort.run_id = r.id AND sort.key = $sort
                WHERE ($status IS NULL OR r.status = $status) AND ($sweep IS NULL OR r.sweep = $sweep)
                ORDER BY {order} {direction} NULLS LAST, r.started_ms DESC LIMIT $limit OFFSET $offset
                """);
            Bind(command, ("$sort", query.SortMetric), ("$status", query.Status is { } s ? StatusText(s) : null), ("$sweep", query.Sweep),
                ("$limit", query.Limit), ("$offset", query.Offset));
            var runs = ReadRuns(command);
            return WithSummaries(runs);
        }, cancellationToken);

    public Task<RunRecord?> FindRunAsync(string idOrPrefix, CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            using var command = Command(null, "SELECT * FROM runs WHERE id = $id OR id LIKE $prefix ESCAPE '\\' ORDER BY id = $id DESC LIMIT 2");
            Bind(command, ("$id", idOrPrefix), ("$prefix", idOrPrefix.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%"));
            var runs = ReadRuns(command);
            return runs.Count == 1 || (runs.Count > 1 && runs[0].Id == idOrPrefix) ? WithSummaries([runs[0]])[0] : null;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ParamsAsync(string runId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<string, string>>(() =>
        {
            using var command = Command(null, "SELECT key, value FROM params WHERE run_id = $run ORDER BY key");
            Bind(command, ("$run", runId));
            using var reader = command.ExecuteReader();
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read()) values[reader.GetString(0)] = reader.GetString(1);
            return values;
        }, cancellationToken);

    public Task<IReadOnlyList<MetricPoint>> SeriesAsync(string runId, string key, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<MetricPoint>>(() =>
        {
            using var command = Command(null, "SELECT step, value, time_ms FROM metrics WHERE run_id = $run AND key = $key ORDER BY step, rowid");
            Bind(command, ("$run", runId), ("$key", key));
            using var reader = command.ExecuteReader();
            var points = new List<MetricPoint>();
            while (reader.Read()) points.Add(new MetricPoint(key, reader.GetInt64(0), reader.GetDouble(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            return points;
        }, cancellationToken);

    private List<RunRecord> ReadRuns(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        string? Text(string column) => reader[column] is string s ? s : null;
        long? Number(string column) => reader[column] is long l ? l : null;
        while (reader.Read())
        {
            runs.Add(new RunRecord
            {
                Id = reader.GetString(reader.GetOrdinal("id")),
                Name = reader.GetString(reader.GetOrdinal("name")),
                Sweep = Text("sweep"),
                Status = Enum.Parse<RunStatus>(reader.GetString(reader.GetOrdinal("status")), ignoreCase: true),
                StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(reader.GetOrdinal("started_ms"))),
                EndedAt = Number("ended_ms") is { } ended ? DateTimeOffset.FromUnixTimeMilliseconds(ended) : null,
                ModelId = Text("model_id"),
                GitCommit = Text("git_commit"),
                GitDirty = Number("git_dirty") is { } dirty ? dirty != 0 : null,
                ConfigHash = Text("config_hash"),
                DataFingerprint = Text("data_fingerprint"),
                RunDir = Text("run_dir"),
                Notes = Text("notes"),
            });
        }
        return runs;
    }

    private List<RunRecord> WithSummaries(List<RunRecord> runs)
    {
        if (runs.Count == 0) return runs;
        using var command = Command(null, $"SELECT run_id, key, last, last_step, min, max, count FROM metric_summary WHERE run_id IN ({string.Join(", ", runs.Select((_, i) => "$r" + i))})");
        for (var i = 0; i < runs.Count; i++) command.Parameters.AddWithValue("$r" + i, runs[i].Id);
        var summaries = runs.ToDictionary(r => r.Id, _ => new Dictionary<string, MetricSummary>(StringComparer.Ordinal));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            summaries[reader.GetString(0)][reader.GetString(1)] =
                new MetricSummary(reader.GetDouble(2), reader.GetInt64(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetInt64(6));
        return [.. runs.Select(r => r with { Metrics = summaries[r.Id] })];
    }

    private static string StatusText(RunStatus status) => status.ToString().ToLowerInvariant();

    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
            command.Parameters.AddWithValue(name, value switch { null => DBNull.Value, bool b => b ? 1 : 0, _ => value });
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>One writer at a time on the process's connection, each write one transaction.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteTransaction, T> write, CancellationToken cancellationToken) =>
        await ReadAsync(() =>
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
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

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
