using System.Data.Common;
using Mlops.Tracking.Artifacts;

namespace Mlops.Tracking.Sql;

/// <summary>The store's read side: runs listed, filtered, counted and found; params; series whole or sampled for a chart; artifacts.</summary>
public abstract partial class SqlTrackingStore
{
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<RunRecord>>(() =>
        {
            var order = query.SortMetric is null ? "r.started_ms" : "sort.last";
            var direction = query.Descending ? "DESC" : "ASC";
            var texts = ParamTexts(query);
            using var command = Command(null, $"""
                SELECT r.* FROM runs r LEFT JOIN metric_summary sort ON sort.run_id = r.id AND sort.key = @sort
                WHERE {Where(query, texts)} ORDER BY {order} {direction} NULLS LAST, r.started_ms DESC LIMIT @limit OFFSET @offset
                """);
            Bind(command, ("@sort", query.SortMetric), ("@limit", (long)query.Limit), ("@offset", (long)query.Offset));
            BindWhere(command, query, texts);
            return WithSummaries(ReadRuns(command));
        }, cancellationToken);

    public Task<long> CountRunsAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            var texts = ParamTexts(query);
            using var command = Command(null, $"SELECT count(*) FROM runs r WHERE {Where(query, texts)}");
            BindWhere(command, query, texts);
            return Convert.ToInt64(command.ExecuteScalar());
        }, cancellationToken);

    public Task<RunKeys> RunKeysAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(() => new RunKeys(Keys("metric_summary"), Keys("params")), cancellationToken);

    /// <summary>The distinct keys of <paramref name="table"/>, in ordinal order (the same on every database's collation).</summary>
    private List<string> Keys(string table)
    {
        var keys = Strings($"SELECT DISTINCT key FROM {table}");
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>
    /// The param values each filter clause matches (<c>@f0v0</c>, <c>@f0v1</c>...): its own text, and for a number every
    /// value the store holds under that key that writes the same number, so <c>training.lr = 0.0001</c> finds the run
    /// that stored <c>1.0e-4</c>. Parsed here, by <see cref="RunFilter.NumberOf"/>, so SQLite and PostgreSQL agree.
    /// </summary>
    private List<string>[] ParamTexts(RunQuery query)
    {
        var texts = new List<string>[query.Filters.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            var filter = query.Filters[i];
            texts[i] = [filter.Value];
            if (filter.Number is not { } number || filter.Orders || RunFilter.RunColumns.Contains(filter.Key)) continue;
            texts[i].AddRange(Strings("SELECT DISTINCT value FROM params WHERE key = @key", ("@key", filter.Key))
                .Where(text => text != filter.Value && RunFilter.NumberOf(text) == number));
        }
        return texts;
    }

    /// <summary>
    /// The WHERE of a run query over <c>runs r</c>: status and sweep, then each filter clause as an indexed EXISTS on
    /// the summaries (a metric's last value) or the params (one of <paramref name="texts"/>), or a run column;
    /// parameters named <c>@f0k</c>, <c>@f0n</c>, <c>@f0v0</c>...
    /// </summary>
    private static string Where(RunQuery query, IReadOnlyList<IReadOnlyList<string>> texts)
    {
        var clauses = new List<string> { "(@status IS NULL OR r.status = @status)", "(@sweep IS NULL OR r.sweep = @sweep)" };
        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            var op = filter.Operator == "!=" ? "<>" : filter.Operator;
            var metric = $"EXISTS (SELECT 1 FROM metric_summary m WHERE m.run_id = r.id AND m.key = @f{i}k AND m.last {op} @f{i}n)";
            var values = string.Join(", ", texts[i].Select((_, j) => $"@f{i}v{j}"));
            var param = $"EXISTS (SELECT 1 FROM params p WHERE p.run_id = r.id AND p.key = @f{i}k AND p.value {(op == "<>" ? "NOT IN" : "IN")} ({values}))";
            clauses.Add(RunFilter.RunColumns.Contains(filter.Key) ? $"r.{filter.Key} {op} @f{i}v0"
                : filter.Orders ? metric
                : filter.Number is null ? param
                : $"({metric} OR {param})");
        }
        return string.Join(" AND ", clauses);
    }

    private static void BindWhere(DbCommand command, RunQuery query, IReadOnlyList<IReadOnlyList<string>> texts)
    {
        Bind(command, ("@status", query.Status is { } s ? StatusText(s) : null), ("@sweep", query.Sweep));
        for (var i = 0; i < query.Filters.Count; i++)
        {
            var filter = query.Filters[i];
            Bind(command, ($"@f{i}k", filter.Key));
            for (var j = 0; j < texts[i].Count; j++) Bind(command, ($"@f{i}v{j}", texts[i][j]));
            if (filter.Number is { } number) Bind(command, ($"@f{i}n", number));
        }
    }

    public Task<RunRecord?> FindRunAsync(string idOrPrefix, CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            using var command = Command(null, "SELECT * FROM runs WHERE id = @id OR id LIKE @prefix ESCAPE '\\' ORDER BY CASE WHEN id = @id THEN 0 ELSE 1 END LIMIT 2");
            Bind(command, ("@id", idOrPrefix), ("@prefix", idOrPrefix.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%"));
            var runs = ReadRuns(command);
            return runs.Count == 1 || (runs.Count > 1 && runs[0].Id == idOrPrefix) ? WithSummaries([runs[0]])[0] : null;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ParamsAsync(string runId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyDictionary<string, string>>(() =>
        {
            using var command = Command(null, "SELECT key, value FROM params WHERE run_id = @run");
            Bind(command, ("@run", runId));
            using var reader = command.ExecuteReader();
            var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read()) values[reader.GetString(0)] = reader.GetString(1);
            return values;
        }, cancellationToken);

    public Task<IReadOnlyList<MetricPoint>> SeriesAsync(string runId, string key, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<MetricPoint>>(() =>
        {
            using var command = Command(null, "SELECT step, value, time_ms FROM metrics WHERE run_id = @run AND key = @key ORDER BY step, id");
            Bind(command, ("@run", runId), ("@key", key));
            using var reader = command.ExecuteReader();
            var points = new List<MetricPoint>();
            while (reader.Read()) points.Add(new MetricPoint(key, reader.GetInt64(0), reader.GetDouble(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            return points;
        }, cancellationToken);

    public Task<SeriesSample> SampleSeriesAsync(string runId, string key, int maxPoints, CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            using var range = Command(null, "SELECT count(*), min(step), max(step) FROM metrics WHERE run_id = @run AND key = @key");
            Bind(range, ("@run", runId), ("@key", key));
            long count, first, last;
            using (var reader = range.ExecuteReader())
            {
                reader.Read();
                count = reader.GetInt64(0);
                if (count == 0) return new SeriesSample(0, false, [], []);
                (first, last) = (reader.GetInt64(1), reader.GetInt64(2));
            }
            var buckets = Math.Max(1, (maxPoints - 1) / 2);
            var downsample = count > maxPoints;
            var width = downsample ? Math.Max(1, (last - first + buckets) / buckets) : 0;
            using var command = Command(null, downsample
                ? """
                  SELECT min(step), min(value), max(value) FROM metrics WHERE run_id = @run AND key = @key
                  GROUP BY (step - @first) / @width ORDER BY 1
                  """
                : "SELECT step, value FROM metrics WHERE run_id = @run AND key = @key ORDER BY step, id");
            Bind(command, ("@run", runId), ("@key", key));
            if (downsample) Bind(command, ("@first", first), ("@width", width));
            var (steps, values) = (new List<long>(), new List<double>());
            using (var reader = command.ExecuteReader())
                while (reader.Read())
                {
                    steps.Add(reader.GetInt64(0));
                    values.Add(reader.GetDouble(1));
                    if (!downsample) continue;
                    steps.Add(reader.GetInt64(0));
                    values.Add(reader.GetDouble(2));
                }
            if (downsample)
            {
                using var final = Command(null, "SELECT step, value FROM metrics WHERE run_id = @run AND key = @key ORDER BY step DESC, id DESC LIMIT 1");
                Bind(final, ("@run", runId), ("@key", key));
                using var reader = final.ExecuteReader();
                reader.Read();
                steps.Add(reader.GetInt64(0));
                values.Add(reader.GetDouble(1));
            }
            return new SeriesSample(count, downsample, steps, values);
        }, cancellationToken);

    public Task<IReadOnlyList<ArtifactFile>> ArtifactsAsync(string runId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<ArtifactFile>>(() =>
        {
            using var command = Command(null, "SELECT path, bytes, sha256 FROM artifacts WHERE run_id = @run ORDER BY path");
            Bind(command, ("@run", runId));
            using var reader = command.ExecuteReader();
            var files = new List<ArtifactFile>();
            while (reader.Read()) files.Add(new ArtifactFile(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            return files;
        }, cancellationToken);

    private static List<RunRecord> ReadRuns(DbCommand command)
    {
        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        string? Text(string column) => reader[column] is string s ? s : null;
        long? Number(string column) => reader[column] is DBNull ? null : Convert.ToInt64(reader[column]);
        while (reader.Read())
        {
            runs.Add(new RunRecord
            {
                Id = (string)reader["id"],
                Name = (string)reader["name"],
                Sweep = Text("sweep"),
                Status = Enum.Parse<RunStatus>((string)reader["status"], ignoreCase: true),
                StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("started_ms")!.Value),
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
        using var command = Command(null, $"SELECT run_id, key, last, last_step, min, max, count FROM metric_summary WHERE run_id IN ({string.Join(", ", runs.Select((_, i) => "@r" + i))})");
        for (var i = 0; i < runs.Count; i++) Bind(command, ("@r" + i, runs[i].Id));
        var summaries = runs.ToDictionary(r => r.Id, _ => new Dictionary<string, MetricSummary>(StringComparer.Ordinal));
        using var reader = command.ExecuteReader();
        while (reader.Read())
            summaries[reader.GetString(0)][reader.GetString(1)] =
                new MetricSummary(reader.GetDouble(2), reader.GetInt64(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetInt64(6));
        return [.. runs.Select(r => r with { Metrics = summaries[r.Id] })];
    }
}
