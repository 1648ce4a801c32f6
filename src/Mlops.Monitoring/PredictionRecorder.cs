using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Events;
using Mlops.Monitoring.Logging;

namespace Mlops.Monitoring;

/// <summary>
/// Where every prediction of the HTTP API and the Lambda function becomes monitoring data: an ECS event to the
/// prediction log (text hashed unless allowed) and an observation to the drift monitor, when the model has a
/// reference profile. Never throws into a prediction and never waits on a sink.
/// </summary>
public sealed class PredictionRecorder : IDisposable
{
    private readonly PredictionLog _log;
    private readonly TextPrivacy _privacy;
    private readonly string _source;
    private readonly string? _modelId;
    private readonly string? _modelVersion;

    private PredictionRecorder(PredictionLog log, TextPrivacy privacy, DriftMonitor? drift, string source, string? modelId, string? modelVersion) =>
        (_log, _privacy, Drift, _source, _modelId, _modelVersion) = (log, privacy, drift, source, modelId, modelVersion);

    /// <summary>The live drift monitor, or null when the model has no reference profile.</summary>
    public DriftMonitor? Drift { get; }

    /// <summary>Prediction events dropped because a sink fell behind.</summary>
    public long Dropped => _log.Dropped;

    /// <summary>
    /// The recorder of a model (<paramref name="source"/>: <c>api</c> or <c>lambda</c>), or null when monitoring is off.
    /// The reference profile is <c>monitoring.profile</c>, else the one beside the model; a model without one is served
    /// with its events logged and drift detection off (a warning says so).
    /// </summary>
    public static async Task<PredictionRecorder?> CreateAsync(MonitoringOptions options, ModelDirectory model, IReadOnlyList<string> labels,
        string source, string? modelId, string? modelVersion, ILogger logger, CancellationToken cancellationToken, TextWriter? stdout = null)
    {
        if (!options.Enabled) return null;
        var path = options.Profile.Length > 0 ? options.Profile : model.ProfilePath;
        DriftMonitor? drift = null;
        if (File.Exists(path))
        {
            var profile = await ReferenceProfile.ReadAsync(path, cancellationToken);
            if (!profile.Labels.SequenceEqual(labels))
                throw new MlopsException($"Reference profile '{path}' names labels [{string.Join(", ", profile.Labels)}]; the model [{string.Join(", ", labels)}].",
                    "Use the profile that was trained with this model (monitoring.profile), or none.", ExitCodes.ConfigError);
            drift = new DriftMonitor(profile, options.Drift);
        }
        else if (options.Profile.Length > 0)
            throw new MlopsException($"Reference profile '{path}' (monitoring.profile) does not exist.",
                "Point monitoring.profile at the reference_profile.json training wrote beside the model, or leave it empty.", ExitCodes.ConfigError);
        else
            logger.LogWarning("Model '{Model}' has no {Profile}: prediction events are logged, drift detection is off. Retrain to get one.",
                model.Path, ModelDirectory.ProfileFile);
        return new PredictionRecorder(new PredictionLog(options, stdout), new TextPrivacy(options.LogText, options.TextSalt), drift, source, modelId, modelVersion);
    }

    public void Record(string requestId, IReadOnlyList<Prediction> predictions, TimeSpan latency)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var p in predictions)
        {
            Drift?.Observe(new PredictionObservation(p.LabelIndex, p.Confidence, p.Tokens, p.UnknownTokens));
            _log.Write(new PredictionEvent(now, requestId, _source, _modelId, _modelVersion, p.Label, p.LabelIndex, p.Confidence,
                p.Tokens, p.UnknownTokens, latency, _privacy.Hash(p.Text), _privacy.Text(p.Text)));
        }
    }

    /// <summary>Writes what the log still buffers.</summary>
    public void Dispose() => _log.Dispose();
}
