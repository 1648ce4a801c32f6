using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Mlops.Tracking;

/// <summary>
/// The client a training run reports to. <see cref="Log"/> never blocks and never throws: points go into a bounded
/// queue that a background task drains into the store in batches, one transaction each, moving the run's heartbeat
/// and sampling the process's CPU and RSS on the way. A write that fails is kept and retried with the next batch, so
/// a store that is away for a while loses nothing (up to the queue's capacity); training never waits for it.
/// </summary>
public sealed class RunTracker : IAsyncDisposable
{
    private const int MaxBatch = 10_000;

    private readonly ITrackingStore _store;
    private readonly TrackerOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<MetricPoint> _queue;
    private readonly Task _writer;
    private readonly TimeProvider _time;
    private long _dropped;
    private long _failedWrites;
    private readonly CancellationTokenSource _finishing = new();
    private bool _finished;

    private RunTracker(ITrackingStore store, string runId, TrackerOptions options, ILogger logger, TimeProvider time)
    {
        (_store, RunId, _options, _logger, _time) = (store, runId, options, logger, time);
        _queue = Channel.CreateBounded<MetricPoint>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _writer = Task.Run(WriteLoopAsync);
    }

    public string RunId { get; }

    /// <summary>Points that found the queue full (reported when the run finishes).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Batches the store refused (each retried): a locked or unreachable store shows here.</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    public static async Task<RunTracker> StartAsync(ITrackingStore store, RunStart run, TrackerOptions options, ILogger logger,
        TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var id = await store.CreateRunAsync(run, time.GetUtcNow(), cancellationToken);
        return new RunTracker(store, id, options, logger, time);
    }

    public void Log(string key, long step, double value)
    {
        if (!_queue.Writer.TryWrite(new MetricPoint(key, step, value, _time.GetUtcNow()))) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Drains the queue (waiting at most the finish timeout), then records how the run ended.</summary>
    public async Task FinishAsync(RunStatus status, RunEnd? end = null)
    {
        if (_finished) return;
        _finished = true;
        _queue.Writer.TryComplete();
        await _finishing.CancelAsync();
        if (await Task.WhenAny(_writer, Task.Delay(_options.FinishTimeout)) != _writer)
            _logger.LogWarning("Tracking: {Waiting} points were still unwritten after {Seconds:F0} s; the run is recorded without them.",
                _queue.Reader.Count, _options.FinishTimeout.TotalSeconds);
        if (Dropped > 0) _logger.LogWarning("Tracking: {Dropped} points found the queue full and were dropped.", Dropped);
        try
        {
            await _store.EndRunAsync(RunId, status, end ?? new RunEnd(), _time.GetUtcNow());
        }
        catch (Exception e)
        {
            _logger.LogWarning("Tracking: could not record the end of run {Run}: {Message}", RunId, e.Message);
        }
    }

    private async Task WriteLoopAsync()
    {
        var pending = new List<MetricPoint>();
        var process = Process.GetCurrentProcess();
        var (lastCpu, lastSample) = (process.TotalProcessorTime, _time.GetTimestamp());
        var nextBeat = _time.GetUtcNow();
        var sample = 0L;
        while (true)
        {
            var more = await WaitForPointsAsync(nextBeat);
            if (more && _queue.Reader.Count < MaxBatch) await WaitForCompanyAsync();
            while (pending.Count < MaxBatch && _queue.Reader.TryRead(out var point)) pending.Add(point);
            var now = _time.GetUtcNow();
            if (now >= nextBeat)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var elapsed = _time.GetElapsedTime(lastSample);
                pending.Add(new MetricPoint("system/cpu_percent", sample, 100 * (cpu - lastCpu).TotalSeconds / Math.Max(elapsed.TotalSeconds, 1e-9), now));
                pending.Add(new MetricPoint("system/rss_mb", sample++, process.WorkingSet64 / 1e6, now));
                (lastCpu, lastSample, nextBeat) = (cpu, _time.GetTimestamp(), now + _options.Heartbeat);
            }
            if (pending.Count > 0)
            {
                try
                {
                    await _store.AppendAsync(RunId, pending, now);
                    pending.Clear();
                }
                catch (Exception e)
                {
                    // Kept for the next batch; the store may be back by then.
                    Interlocked.Increment(ref _failedWrites);
                    _logger.LogWarning("Tracking: writing {Count} points failed ({Message}); retrying.", pending.Count, e.Message);
                    if (!more)
                    {
                        _logger.LogWarning("Tracking: {Count} points of run {Run} could not be written before it ended.", pending.Count, RunId);
                        return;
                    }
                    await Task.Delay(_options.Heartbeat);
                }
            }
            if (!more && _queue.Reader.Count == 0 && pending.Count == 0) return;
        }
    }

    /// <summary>Waits until points arrive or the next heartbeat is due; false once the queue is complete and empty.</summary>
    private async Task<bool> WaitForPointsAsync(DateTimeOffset nextBeat)
    {
        var wait = nextBeat - _time.GetUtcNow();
        if (wait <= TimeSpan.Zero) return !_queue.Reader.Completion.IsCompleted;
        using var timeout = new CancellationTokenSource(wait, _time);
        try
        {
            return await _queue.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    /// <summary>Lets points gather for the flush interval; the run finishing ends the wait at once.</summary>
    private async Task WaitForCompanyAsync()
    {
        try
        {
            await Task.Delay(_options.FlushInterval, _time, _finishing.Token);
        }
        catch (OperationCanceledException)
        {
            // Finishing: write what is there now.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FinishAsync(RunStatus.Failed);
        _finishing.Dispose();
    }
}
