using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Events;
using Mlops.Monitoring.Logging;
using Mlops.Monitoring.Shipping;

namespace Mlops.Monitoring;

/// <summary>
/// Where every prediction of the HTTP API and the Lambda function becomes monitoring data: an observation to the drift
/// monitor (when the model has a reference profile) and an ECS event to the prediction log and the shippers
/// (Elasticsearch, the tracking store). A request only queues its predictions (a bounded queue: past
/// <see cref="MonitoringOptions.BufferEvents"/> waiting, new ones are dropped and counted); a drain every
/// <see cref="DrainInterval"/> hashes the texts, builds the events, writes them in one batch and hands them to each
/// shipper's own bounded buffer, so no request waits on a disk, a pipe, a hash or a network.
/// </summary>
// Not a bounded Channel (DropWrite + drop callback): it locks on each write and read where this queue is lock-free, and would still need a drop counter and the timed drain, so it is no shorter.
public sealed class PredictionRecorder : IDisposable
{
    public static readonly TimeSpan DrainInterval = TimeSpan.FromMilliseconds(100);
    /// <summary>How often the drain re-evaluates the drift window to stamp events with its decision (a scrape evaluates it too).</summary>
    public static readonly TimeSpan DriftStampInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// What the event needs of a prediction, without the prediction itself: its probabilities and embedding die with the
    /// request instead of outliving a garbage collection in the queue.
    /// </summary>
    private readonly record struct Pending(DateTimeOffset At, string RequestId, string Text, string? Pair, string Label, int LabelIndex, double Confidence,
        int Tokens, int UnknownTokens, TimeSpan Latency);

    private readonly PredictionLog _log;
    private readonly List<PredictionEvent> _drained = [];
    private DriftReport? _drift;
    private long _driftStampedAt;
    private readonly TimeProvider _time;
    private readonly TextPrivacy _privacy;
    private readonly string _source;
    private readonly string? _modelId;
    private readonly string? _modelVersion;
    private readonly BoundedCount _queued;
    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly Lock _draining = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _drainer;

    private PredictionRecorder(MonitoringOptions options, PredictionLog log, DriftMonitor? drift, IReadOnlyList<EventShipper> shippers,
        string source, string? modelId, string? modelVersion, TimeProvider time)
    {
        (_log, Drift, Shippers, _source, _modelId, _modelVersion, _time) = (log, drift, shippers, source, modelId, modelVersion, time);
        _privacy = new TextPrivacy(options.LogText, options.TextSalt);
        _queued = new BoundedCount(options.BufferEvents);
        _drainer = DrainPeriodicallyAsync();
    }

    /// <summary>The live drift monitor, or null when the model has no reference profile.</summary>
    public DriftMonitor? Drift { get; }

    /// <summary>Where events are shipped besides the log: Elasticsearch when <c>monitoring.elasticsearch.url</c> is set, the tracking store when given one.</summary>
    public IReadOnlyList<EventShipper> Shippers { get; }

    /// <summary>Prediction events dropped because the log fell behind by <see cref="MonitoringOptions.BufferEvents"/>.</summary>
    public long Dropped => _queued.Dropped;

    /// <summary>
    /// The recorder of a model (<paramref name="source"/>: <c>api</c> or <c>lambda</c>), or null when monitoring is off.
    /// The reference profile is <c>monitoring.profile</c>, else the one beside the model; a model without one is served
    /// with its events logged and drift detection off (a warning says so). <paramref name="embeddingSize"/>: the width of
    /// the sentence embeddings the model gives, 0 when it gives none (an export made before it had them): embedding drift
    /// is then off, as it is with a profile that has no embeddings (a line says so). <paramref name="store"/>: the tracking
    /// store's target, shipped to with <c>monitoring.store</c>'s buffer and batches. <paramref name="time"/>: the clock of
    /// the drain, the drift stamps and the events (the system's by default).
    /// </summary>
    public static async Task<PredictionRecorder?> CreateAsync(MonitoringOptions options, ModelDirectory model, IReadOnlyList<string> labels,
        int embeddingSize, string source, string? modelId, string? modelVersion, ILogger logger, CancellationToken cancellationToken, Stream? stdout = null,
        IEventTarget? store = null, TimeProvider? time = null)
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
            CheckEmbeddings(profile, path, model, embeddingSize, logger);
            drift = new DriftMonitor(profile, options.Drift);
        }
        else if (options.Profile.Length > 0)
            throw new MlopsException($"Reference profile '{path}' (monitoring.profile) does not exist.",
                "Point monitoring.profile at the reference_profile.json training wrote beside the model, or leave it empty.", ExitCodes.ConfigError);
        else
            logger.LogWarning("Model '{Model}' has no {Profile}: prediction events are logged, drift detection is off. Retrain to get one.",
                model.Path, ModelDirectory.ProfileFile);
        var shippers = new List<EventShipper>();
        if (options.Elasticsearch.Url.Length > 0) shippers.Add(new EventShipper(new ElasticsearchTarget(options.Elasticsearch), options.Elasticsearch, logger));
        if (store is not null) shippers.Add(new EventShipper(store, options.Store, logger));
        return new PredictionRecorder(options, new PredictionLog(options, stdout), drift, shippers, source, modelId, modelVersion, time ?? TimeProvider.System);
    }

    /// <summary>Says when embedding drift is off (no embeddings in the profile or from the model); fails when the two have different widths.</summary>
    private static void CheckEmbeddings(ReferenceProfile profile, string path, ModelDirectory model, int embeddingSize, ILogger logger)
    {
        if (profile.Embeddings is not { } embeddings)
            logger.LogInformation("Reference profile '{Profile}' (format version {Version}) has no sentence embeddings: embedding drift is off. Retrain to get them.",
                path, profile.FormatVersion);
        else if (embeddingSize == 0)
            logger.LogInformation("Model '{Model}' gives no sentence embedding (exported before it had one): embedding drift is off. Export it again to get it.",
                model.Path);
        else if (embeddings.Centroid.Count != embeddingSize)
            throw new MlopsException($"Reference profile '{path}' has sentence embeddings of {embeddings.Centroid.Count} dimensions; the model gives {embeddingSize}.",
                "Use the profile that was trained with this model (monitoring.profile), or none.", ExitCodes.ConfigError);
    }

    /// <summary>Queues the request's predictions for the log and feeds the drift window; never blocks, never throws.</summary>
    public void Record(string requestId, IReadOnlyList<Prediction> predictions, TimeSpan latency)
    {
        var now = _time.GetUtcNow();
        foreach (var p in predictions)
        {
            Drift?.Observe(PredictionObservation.From(p));
            if (_queued.TryAdd()) _queue.Enqueue(new Pending(now, requestId, p.Text, p.Pair, p.Label, p.LabelIndex, p.Confidence, p.Tokens, p.UnknownTokens, latency));
        }
    }

    /// <summary>Writes every queued prediction now and hands it to the shippers (the periodic drain does the same); tests and shutdown call it.</summary>
    public void Drain()
    {
        lock (_draining)
        {
            _drained.Clear();
            if (Drift is not null && !_queue.IsEmpty && (_drift is null || _time.GetElapsedTime(_driftStampedAt) >= DriftStampInterval))
                (_drift, _driftStampedAt) = (Drift.Evaluate(estimatePerformance: false), _time.GetTimestamp());
            while (_queue.TryDequeue(out var item))
            {
                _queued.Release();
                var e = new PredictionEvent(item.At, item.RequestId, _source, _modelId, _modelVersion, item.Label, item.LabelIndex, item.Confidence,
                    item.Tokens, item.UnknownTokens, item.Latency, _privacy.Hash(item.Text, item.Pair), _privacy.Text(item.Text), _drift?.State, _drift?.Score)
                {
                    TextPair = item.Pair is null ? null : _privacy.Text(item.Pair),
                };
                _log.Write(e);
                _drained.Add(e);
            }
            _log.Flush();
            if (_drained.Count == 0) return;
            foreach (var shipper in Shippers) shipper.Offer(_drained);
        }
    }

    private async Task DrainPeriodicallyAsync()
    {
        using var timer = new PeriodicTimer(DrainInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) Drain();
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Stops the drain, writes what is still queued, closes the log and lets each shipper ship what it holds (for at most
    /// <see cref="EventShipper.FinalFlushLimit"/>); a log stuck in a write (stdout nobody reads) gets five seconds,
    /// then the process leaves without it rather than hang its shutdown.
    /// </summary>
    public void Dispose()
    {
        _stop.Cancel();
        if (!_drainer.Wait(TimeSpan.FromSeconds(5))) return;
        Drain();
        _log.Dispose();
        Task.WhenAll(Shippers.Select(s => s.DisposeAsync().AsTask())).GetAwaiter().GetResult();
        _privacy.Dispose();
        _stop.Dispose();
    }
}
