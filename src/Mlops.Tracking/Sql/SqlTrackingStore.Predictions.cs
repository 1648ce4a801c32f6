using System.Collections.Concurrent;
using System.Data.Common;
using Mlops.Core;
using Mlops.Tracking.Predictions;

namespace Mlops.Tracking.Sql;

/// <summary>The store's prediction events (<see cref="IPredictionStore"/>): batches in, retention applied on the way, traffic per model out.</summary>
public abstract partial class SqlTrackingStore
{
    /// <summary>The columns an appended event fills, in order, for the stores' bulk inserts.</summary>
    protected const string PredictionColumns =
        "at_ms, model_key, source, request_id, label, label_index, confidence, tokens, unknown_tokens, latency_us, text_hash";

    /// <summary>Each model id's key in <c>prediction_models</c>, once it is committed: a batch looks its model up once, not per event.</summary>
    private readonly ConcurrentDictionary<string, long> _modelKeys = new(StringComparer.Ordinal);

    public async Task AppendPredictionsAsync(IReadOnlyList<StoredPrediction> events, DateTimeOffset? keepFrom, CancellationToken cancellationToken = default)
    {
        var added = await WriteAsync(transaction =>
        {
            var keys = new Dictionary<string, long>(StringComparer.Ordinal);
            var added = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var e in events)
            {
                var model = e.ModelId ?? "";
                if (keys.ContainsKey(model)) continue;
                if (!_modelKeys.TryGetValue(model, out var key)) added[model] = key = ModelKey(transaction, model);
                keys[model] = key;
            }
            InsertPredictions(transaction, events, keys);
            if (keepFrom is { } cutoff)
            {
                // Per model down the (model_key, at_ms) index: the retention needs no index of its own to keep up to date.
                using var expire = Command(transaction,
                    "DELETE FROM prediction_events WHERE model_key IN (SELECT model_key FROM prediction_models) AND at_ms < @before");
                Bind(expire, ("@before", cutoff.ToUnixTimeMilliseconds()));
                expire.ExecuteNonQuery();
            }
            return added;
        }, cancellationToken);
        foreach (var (model, key) in added) _modelKeys[model] = key;
    }

    /// <summary>
    /// Adds the events in the open write transaction, <paramref name="modelKeys"/> giving each model id's key; each store
    /// does it its fastest way, since it runs for every prediction the serving API makes.
    /// </summary>
    protected abstract void InsertPredictions(DbTransaction transaction, IReadOnlyList<StoredPrediction> events, IReadOnlyDictionary<string, long> modelKeys);

    private long ModelKey(DbTransaction transaction, string modelId)
    {
        using (var insert = Command(transaction, "INSERT INTO prediction_models (model_id) VALUES (@model) ON CONFLICT (model_id) DO NOTHING"))
        {
            Bind(insert, ("@model", modelId));
            insert.ExecuteNonQuery();
        }
        using var select = Command(transaction, "SELECT model_key FROM prediction_models WHERE model_id = @model");
        Bind(select, ("@model", modelId));
        return Convert.ToInt64(select.ExecuteScalar());
    }

    public Task<IReadOnlyList<MonitoredModel>> MonitoredModelsAsync(string? modelId = null, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<MonitoredModel>>(() =>
        {
            var registered = new Dictionary<string, (List<string> Names, string Dir)>();
            using (var names = Command(null, "SELECT model_id, name, version, model_dir FROM model_versions WHERE model_id IS NOT NULL ORDER BY created_ms, name, version"))
            using (var reader = names.ExecuteReader())
                while (reader.Read())
                {
                    var versions = registered.TryGetValue(reader.GetString(0), out var known) ? known.Names : [];
                    versions.Add($"{reader.GetString(1)} v{Convert.ToInt32(reader.GetValue(2))}");
                    registered[reader.GetString(0)] = (versions, reader.GetString(3));
                }
            using var command = Command(null, $"""
                SELECT m.model_id, count(*), min(e.at_ms), max(e.at_ms) FROM prediction_events e JOIN prediction_models m ON m.model_key = e.model_key
                {(modelId is null ? "" : "WHERE m.model_id = @model")} GROUP BY m.model_id ORDER BY max(e.at_ms) DESC
                """);
            if (modelId is not null) Bind(command, ("@model", modelId));
            using var rows = command.ExecuteReader();
            var models = new List<MonitoredModel>();
            while (rows.Read())
            {
                var id = rows.GetString(0);
                var registration = registered.GetValueOrDefault(id);
                models.Add(new MonitoredModel(id, registration.Names ?? [], registration.Dir, Convert.ToInt64(rows.GetValue(1)),
                    DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(rows.GetValue(2))), DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(rows.GetValue(3)))));
            }
            return models;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredPrediction>> PredictionsAsync(string modelId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<StoredPrediction>>(() =>
        {
            using var command = Command(null, """
                SELECT at_ms, request_id, source, label, label_index, confidence, tokens, unknown_tokens, latency_us, text_hash
                FROM prediction_events WHERE model_key = (SELECT model_key FROM prediction_models WHERE model_id = @model)
                ORDER BY at_ms DESC, id DESC LIMIT @limit
                """);
            Bind(command, ("@model", modelId), ("@limit", (long)limit));
            using var reader = command.ExecuteReader();
            var events = new List<StoredPrediction>();
            while (reader.Read())
                events.Add(new StoredPrediction(DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(0))), reader.GetString(1),
                    reader.GetString(2), modelId, reader.GetString(3), Convert.ToInt32(reader.GetValue(4)),
                    reader.GetDouble(5), Convert.ToInt32(reader.GetValue(6)), Convert.ToInt32(reader.GetValue(7)),
                    TimeSpan.FromTicks(Convert.ToInt64(reader.GetValue(8)) * 10), reader.IsDBNull(9) ? null : reader.GetString(9)));
            events.Reverse();
            return events;
        }, cancellationToken);
}
