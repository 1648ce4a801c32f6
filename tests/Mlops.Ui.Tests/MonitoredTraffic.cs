using Mlops.Core;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Events;
using Mlops.Tracking;
using Mlops.Tracking.Predictions;
using Mlops.Tracking.Sql;

namespace Mlops.Ui.Tests;

/// <summary>
/// Generated serving traffic in a tracking store for the monitoring view: a registered model (its folder holds a
/// reference profile) that served an hour like its reference and then an hour of drifted traffic (one label, low
/// confidence, long inputs), and an unregistered model with a little traffic and no profile.
/// </summary>
public static class MonitoredTraffic
{
    public const string Registered = "sha256:1111111111111111aaaa";
    public const string Unregistered = "sha256:2222222222222222bbbb";
    public const int EventsPerPhase = 600;
    private static readonly string[] Labels = ["unacceptable", "acceptable"];

    public static async Task SeedAsync(SqlTrackingStore store, string folder, DateTimeOffset end)
    {
        var random = new Random(7);
        PredictionObservation InDomain() => new(random.Next(2), 0.6 + 0.39 * random.NextDouble(), random.Next(5, 21), 0);
        PredictionObservation Drifted() => new(0, 0.5 + 0.1 * random.NextDouble(), random.Next(30, 41), 2);
        var model = Directory.CreateDirectory(Path.Combine(folder, "model")).FullName;
        // The reference's true labels agree with its predictions as often as its confidence says: a calibrated model.
        var reference = Enumerable.Range(0, 1000).Select(_ => InDomain()).ToList();
        var truth = reference.Select(o => random.NextDouble() < o.Confidence ? o.LabelIndex : 1 - o.LabelIndex).ToList();
        await ReferenceProfile.From(Labels, reference, "validation (1000 sentences)", truth).WriteAsync(new ModelDirectory(model).ProfilePath, CancellationToken.None);
        var run = await store.CreateRunAsync(new RunStart { Name = "served" }, end.AddHours(-3));
        await store.RegisterAsync("cola", model, run, Registered, "test", end.AddHours(-3));

        var start = end.AddHours(-2);
        var step = TimeSpan.FromHours(1) / EventsPerPhase;
        StoredPrediction Event(string modelId, int i, PredictionObservation o) => new(start + step * i, $"r{i}", "api", modelId,
            Labels[o.LabelIndex], o.LabelIndex, o.Confidence, o.Tokens, o.UnknownTokens, TimeSpan.FromMilliseconds(2 + i % 7), $"hmac-sha256:{i}");
        var events = Enumerable.Range(0, 2 * EventsPerPhase).Select(i => Event(Registered, i, i < EventsPerPhase ? InDomain() : Drifted())).ToList();
        foreach (var batch in events.Chunk(250)) await store.AppendPredictionsAsync(batch, end.AddDays(-30));
        await store.AppendPredictionsAsync([.. Enumerable.Range(0, 10).Select(i => Event(Unregistered, i, InDomain()))], end.AddDays(-30));
    }
}
