using Mlops.Core;
using Mlops.Tracking.Predictions;

namespace Mlops.Tracking.Tests;

/// <summary>The store's prediction-event port (<see cref="IPredictionStore"/>) on each backend: batches, retention, migration.</summary>
public abstract partial class TrackingStoreContract
{
    [SkippableFact]
    public async Task A_batch_that_fails_leaves_nothing_and_its_new_model_is_kept_by_the_next()
    {
        RequireBackend();
        await using var store = Open();
        StoredPrediction Event(string? requestId) => new(T0, requestId!, "api", "sha256:cccc", "acceptable", 1, 0.9, 5, 0, TimeSpan.FromMilliseconds(1), null);
        // A request id the table refuses (NOT NULL) fails the whole batch, the model's new key with it.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.AppendPredictionsAsync([Event("r1"), Event(null)], null));
        Assert.Empty(await store.MonitoredModelsAsync());

        await store.AppendPredictionsAsync([Event("r2")], null);
        Assert.Equal(["r2"], (await store.PredictionsAsync("sha256:cccc", 10)).Select(e => e.RequestId));
        Assert.Equal(1, Assert.Single(await store.MonitoredModelsAsync("sha256:cccc")).Events);
        Assert.Empty(await store.MonitoredModelsAsync("sha256:other"));
    }

    [SkippableFact]
    public async Task A_version_4_store_keeps_its_prediction_events_through_migrate()
    {
        RequireBackend();
        await (Open()).DisposeAsync();
        // What version 4 was: each event naming its model by the full id.
        await ExecuteAsync("""
            DROP TABLE prediction_events; DROP TABLE prediction_models;
            CREATE TABLE prediction_events (
                id BIGINT PRIMARY KEY, at_ms BIGINT NOT NULL, model_id TEXT NOT NULL, source TEXT NOT NULL, request_id TEXT NOT NULL,
                label TEXT NOT NULL, label_index INTEGER NOT NULL, confidence DOUBLE PRECISION NOT NULL, tokens INTEGER NOT NULL,
                unknown_tokens INTEGER NOT NULL, latency_us BIGINT NOT NULL, text_hash TEXT);
            CREATE INDEX prediction_events_model ON prediction_events (model_id, at_ms);
            INSERT INTO prediction_events VALUES (1, 60000, 'sha256:bbbb', 'api', 'r1', 'acceptable', 1, 0.9, 7, 0, 1500, 'hmac-sha256:1');
            INSERT INTO prediction_events VALUES (2, 120000, 'sha256:aaaa', 'lambda', 'r2', 'unacceptable', 0, 0.6, 9, 1, 2500, NULL);
            INSERT INTO prediction_events VALUES (3, 180000, 'sha256:bbbb', 'api', 'r3', 'acceptable', 1, 0.8, 5, 0, 1200, 'hmac-sha256:3');
            UPDATE schema_version SET version = 4
            """);
        Assert.Contains("has schema version 4", Assert.Throws<MlopsException>(Open).Message);
        await (Open(migrate: true)).DisposeAsync();

        await using var upgraded = Open();
        Assert.Equal([("sha256:bbbb", 2L), ("sha256:aaaa", 1L)], (await upgraded.MonitoredModelsAsync()).Select(m => (m.ModelId, m.Events)));
        var second = Assert.Single(await upgraded.PredictionsAsync("sha256:aaaa", 10));
        Assert.Equal(new StoredPrediction(DateTimeOffset.FromUnixTimeMilliseconds(120000), "r2", "lambda", "sha256:aaaa",
            "unacceptable", 0, 0.6, 9, 1, TimeSpan.FromMicroseconds(2500), null), second);
        await upgraded.AppendPredictionsAsync([second with { RequestId = "r4", Timestamp = second.Timestamp.AddMinutes(5) }], null);
        Assert.Equal(["r2", "r4"], (await upgraded.PredictionsAsync("sha256:aaaa", 10)).Select(e => e.RequestId));
        Assert.Equal(["r1", "r3"], (await upgraded.PredictionsAsync("sha256:bbbb", 10)).Select(e => e.RequestId));
    }

    [SkippableFact]
    public async Task Prediction_events_are_kept_per_model_for_the_retention()
    {
        RequireBackend();
        await using var store = Open();
        var run = await store.CreateRunAsync(Run("trained"), T0);
        await store.RegisterAsync("cola", "/models/v1", run, "sha256:aaaaaaaaaaaaaaaa", "ana", T0);
        StoredPrediction Event(string model, int minute, int i) => new(T0.AddMinutes(minute), $"r{i}", "api", model,
            i % 2 == 0 ? "acceptable" : "unacceptable", i % 2 == 0 ? 1 : 0, 0.5 + i / 100.0, 5 + i, i % 3, TimeSpan.FromMicroseconds(1500 + i), $"hmac-sha256:{i}");
        await store.AppendPredictionsAsync([.. Enumerable.Range(0, 10).Select(i => Event("sha256:aaaaaaaaaaaaaaaa", i, i))], T0.AddDays(-1));
        await store.AppendPredictionsAsync([Event("sha256:bbbbbbbbbbbbbbbb", 20, 10)], T0.AddDays(-1));

        var models = await store.MonitoredModelsAsync();
        Assert.Equal(["sha256:bbbbbbbbbbbbbbbb", "sha256:aaaaaaaaaaaaaaaa"], models.Select(m => m.ModelId));
        Assert.Equal((10L, T0, T0.AddMinutes(9)), (models[1].Events, models[1].First, models[1].Last));
        Assert.Equal(["cola v1"], models[1].Registered);
        Assert.Equal("/models/v1", models[1].ModelDir);
        Assert.Equal("aaaaaaaaaaaa", models[1].Version);
        Assert.Empty(models[0].Registered);
        Assert.Null(models[0].ModelDir);

        var latest = await store.PredictionsAsync("sha256:aaaaaaaaaaaaaaaa", 4);
        Assert.Equal(["r6", "r7", "r8", "r9"], latest.Select(e => e.RequestId));
        Assert.Equal(Event("sha256:aaaaaaaaaaaaaaaa", 9, 9), latest[^1]);

        // A batch written five minutes later with a retention of five minutes takes the five oldest with it.
        await store.AppendPredictionsAsync([Event("sha256:aaaaaaaaaaaaaaaa", 10, 11)], T0.AddMinutes(5));
        Assert.Equal(["r5", "r6", "r7", "r8", "r9", "r11"], (await store.PredictionsAsync("sha256:aaaaaaaaaaaaaaaa", 100)).Select(e => e.RequestId));
        Assert.Empty(await store.PredictionsAsync("sha256:unknown", 100));
    }
}
