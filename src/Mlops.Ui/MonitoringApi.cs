using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Mlops.Core;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Events;
using Mlops.Monitoring.Traffic;
using Mlops.Tracking.Predictions;

namespace Mlops.Ui;

/// <summary>
/// The dashboard's monitoring endpoints over the prediction events the serving API wrote into the tracking store
/// (<c>monitoring.store</c>): the model versions that served traffic, and one version's traffic over time - volume by
/// label, confidence, input length, latency, and the drift decision and the label-free accuracy and MCC estimate against
/// its reference profile when its registered folder has one (the serving host's thresholds, <c>monitoring.drift</c>).
/// </summary>
public sealed class MonitoringApi(IPredictionStore store, DriftThresholds thresholds)
{
    /// <summary>The most recent events one view summarises (the store keeps as many as the retention allows).</summary>
    public const int MaxEvents = 50_000;
    private const int MaxBuckets = 500;

    public void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/monitoring");
        api.MapGet("/models", ModelsAsync);
        api.MapGet("/traffic", TrafficAsync);
    }

    private async Task<IResult> ModelsAsync(CancellationToken cancellationToken) =>
        Results.Json(new { models = (await store.MonitoredModelsAsync(cancellationToken: cancellationToken)).Select(ModelJson) }, DashboardJson.Options);

    private async Task<IResult> TrafficAsync(string? model, int? buckets, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(model)) return RunsApi.Problem(StatusCodes.Status400BadRequest, "Say which model: the query parameter model, set to a model id that /api/monitoring/models lists.");
        if (buckets is < 1 or > MaxBuckets) return RunsApi.Problem(StatusCodes.Status400BadRequest, $"buckets must be between 1 and {MaxBuckets}, not {buckets}.");
        var found = (await store.MonitoredModelsAsync(model, cancellationToken)).SingleOrDefault();
        if (found is null) return RunsApi.Problem(StatusCodes.Status404NotFound, $"No prediction events of model '{model}' in the tracking store.");
        var (reference, note) = await ReferenceAsync(found, cancellationToken);
        var events = await store.PredictionsAsync(found.ModelId, MaxEvents, cancellationToken);
        var timeline = TrafficTimeline.Build([.. events.Select(Event)], buckets ?? 48, reference, thresholds);
        return Results.Json(new
        {
            model = ModelJson(found),
            reference = reference is null ? null : new
            {
                reference.Source,
                labelShare = reference.LabelCounts.Select(c => c / reference.Count),
                reference.UnknownTokenRate,
            },
            referenceNote = note,
            thresholds = new { thresholds.Window, thresholds.MinEvents },
            timeline.Labels,
            timeline.Events,
            truncated = events.Count < found.Events,
            buckets = timeline.Buckets.Select(b => new
            {
                start = b.Start,
                b.Events,
                b.LabelCounts,
                b.Confidence,
                b.Tokens,
                b.UnknownTokenRate,
                b.LatencyMs,
                drift = b.Drift is not { } drift ? null : new
                {
                    state = drift.State,
                    drift.Events,
                    signals = drift.Signals.Select(s => new { s.Name, s.Method, s.Effect, s.Threshold, s.Drifted, pValue = double.IsNaN(s.PValue) ? (double?)null : s.PValue }),
                    estimate = drift.Estimate,
                    drift.NoEstimate,
                },
            }),
        }, DashboardJson.Options);
    }

    /// <summary>The reference profile in the model's registered folder, or null and a line saying why there is none.</summary>
    private static async Task<(ReferenceProfile? Profile, string? Note)> ReferenceAsync(MonitoredModel model, CancellationToken cancellationToken)
    {
        if (model.ModelDir is null)
            return (null, "This model version is not in the registry, so its reference profile is unknown: register its folder (mlops models register) to see drift.");
        var path = new ModelDirectory(model.ModelDir).ProfilePath;
        if (!File.Exists(path)) return (null, $"No {ModelDirectory.ProfileFile} in '{model.ModelDir}': retrain with this mlops to get one.");
        try
        {
            return (await ReferenceProfile.ReadAsync(path, cancellationToken), null);
        }
        catch (MlopsException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>A kept prediction as monitoring reads it (the store keeps no text and no drift decision).</summary>
    private static PredictionEvent Event(StoredPrediction p) =>
        new(p.Timestamp, p.RequestId, p.Source, p.ModelId, p.ModelId is null ? null : ModelCard.ShortVersion(p.ModelId), p.Label, p.LabelIndex,
            p.Confidence, p.Tokens, p.UnknownTokens, p.Latency, p.TextHash, Text: null);

    private static object ModelJson(MonitoredModel m) => new { m.ModelId, m.Version, m.Registered, m.ModelDir, m.Events, m.First, m.Last };
}
