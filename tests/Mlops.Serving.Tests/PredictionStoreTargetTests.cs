using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Events;
using Mlops.Tracking.Predictions;

namespace Mlops.Serving.Tests;

public sealed class PredictionStoreTargetTests
{
    /// <summary>Records what the target asks of the store (the store itself is contract-tested on SQLite and PostgreSQL).</summary>
    private sealed class RecordingStore : IPredictionStore
    {
        public List<DateTimeOffset?> KeepFrom { get; } = [];
        public List<StoredPrediction> Appended { get; } = [];

        public Task AppendPredictionsAsync(IReadOnlyList<StoredPrediction> events, DateTimeOffset? keepFrom, CancellationToken cancellationToken = default)
        {
            KeepFrom.Add(keepFrom);
            Appended.AddRange(events);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<MonitoredModel>> MonitoredModelsAsync(string? modelId = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<StoredPrediction>> PredictionsAsync(string modelId, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task The_retention_is_applied_with_the_first_batch_of_each_minute_only()
    {
        var t0 = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var (store, clock) = (new RecordingStore(), new SteppedClock(t0));
        var target = new PredictionStoreTarget(store, TimeSpan.FromDays(30), clock);
        foreach (var seconds in new[] { 0, 20, 59, 60, 61, 150 })
        {
            clock.Now = t0.AddSeconds(seconds);
            await target.SendAsync([], CancellationToken.None);
        }
        var retention = TimeSpan.FromDays(30);
        Assert.Equal([t0 - retention, null, null, t0.AddSeconds(60) - retention, null, t0.AddSeconds(150) - retention], store.KeepFrom);
    }

    [Fact]
    public async Task A_stored_event_keeps_every_column_but_the_text_and_the_drift_decision()
    {
        var at = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var store = new RecordingStore();
        await using var target = new PredictionStoreTarget(store, TimeSpan.FromDays(30));
        await target.SendAsync([new PredictionEvent(at, "r1", "api", "sha256:aaaa", "aaaa", "acceptable", 1, 0.9, 7, 1, TimeSpan.FromMilliseconds(3),
            "hmac-sha256:1", "the raw sentence", DriftState.Drift, 2.5)], CancellationToken.None);
        Assert.Equal(new StoredPrediction(at, "r1", "api", "sha256:aaaa", "acceptable", 1, 0.9, 7, 1, TimeSpan.FromMilliseconds(3), "hmac-sha256:1"),
            Assert.Single(store.Appended));
    }
}
