using System.Data;
using Mlops.Core;
using Mlops.Monitoring.Events;
using Mlops.Tracking.Predictions;

namespace Mlops.Tracking.Sql;

/// <summary>The store's prediction events (<see cref="IPredictionStore"/>): batches in, retention applied on the way, traffic per model out.</summary>
public abstract partial class SqlTrackingStore
{
    public Task AppendPredictionsAsync(IReadOnlyList<PredictionEvent> events, DateTimeOffset? keepFrom, CancellationToken cancellationToken = default) =>
        WriteAsync(transaction =>
        {
            using (var insert = Command(transaction, """
                INSERT INTO prediction_events (at_ms, model_id, source, request_id, label, label_index, confidence, tokens, unknown_tokens, latency_us, text_hash)
                VALUES (@at, @model, @source, @request, @label, @index, @confidence, @tokens, @unknown, @latency, @hash)
                """))
            {
                var (at, model, source, request) = (Parameter(insert, "@at", DbType.Int64), Parameter(insert, "@model", DbType.String),
                    Parameter(insert, "@source", DbType.String), Parameter(insert, "@request", DbType.String));
                var (label, index, confidence, tokens) = (Parameter(insert, "@label", DbType.String), Parameter(insert, "@index", DbType.Int32),
                    Parameter(insert, "@confidence", DbType.Double), Parameter(insert, "@tokens", DbType.Int32));
                var (unknown, latency, hash) = (Parameter(insert, "@unknown", DbType.Int32), Parameter(insert, "@latency", DbType.Int64),
                    Parameter(insert, "@hash", DbType.String));
                insert.Prepare();
                foreach (var e in events)
                {
                    (at.Value, model.Value, source.Value, request.Value) = (e.Timestamp.ToUnixTimeMilliseconds(), e.ModelId ?? "", e.Source, e.RequestId);
                    (label.Value, index.Value, confidence.Value, tokens.Value) = (e.Label, e.LabelIndex, e.Confidence, e.Tokens);
                    (unknown.Value, latency.Value, hash.Value) = (e.UnknownTokens, e.Latency.Ticks / 10, (object?)e.TextHash ?? DBNull.Value);
                    insert.ExecuteNonQuery();
                }
            }
            if (keepFrom is not { } cutoff) return 0;
            using var expire = Command(transaction, "DELETE FROM prediction_events WHERE at_ms < @before");
            Bind(expire, ("@before", cutoff.ToUnixTimeMilliseconds()));
            expire.ExecuteNonQuery();
            return 0;
        }, cancellationToken);

    public Task<IReadOnlyList<MonitoredModel>> MonitoredModelsAsync(CancellationToken cancellationToken = default) =>
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
            using var command = Command(null, """
                SELECT model_id, count(*), min(at_ms), max(at_ms) FROM prediction_events GROUP BY model_id ORDER BY max(at_ms) DESC
                """);
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

    public Task<IReadOnlyList<PredictionEvent>> PredictionsAsync(string modelId, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<PredictionEvent>>(() =>
        {
            using var command = Command(null, """
                SELECT at_ms, request_id, source, label, label_index, confidence, tokens, unknown_tokens, latency_us, text_hash
                FROM prediction_events WHERE model_id = @model ORDER BY at_ms DESC, id DESC LIMIT @limit
                """);
            Bind(command, ("@model", modelId), ("@limit", (long)limit));
            using var reader = command.ExecuteReader();
            var events = new List<PredictionEvent>();
            while (reader.Read())
                events.Add(new PredictionEvent(DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(0))), reader.GetString(1),
                    reader.GetString(2), modelId, ModelCard.ShortVersion(modelId), reader.GetString(3), Convert.ToInt32(reader.GetValue(4)),
                    reader.GetDouble(5), Convert.ToInt32(reader.GetValue(6)), Convert.ToInt32(reader.GetValue(7)),
                    TimeSpan.FromTicks(Convert.ToInt64(reader.GetValue(8)) * 10), reader.IsDBNull(9) ? null : reader.GetString(9), null));
            events.Reverse();
            return events;
        }, cancellationToken);
}
