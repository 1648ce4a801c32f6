using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Mlops.Tracking;

/// <summary>
/// The client a training run reports to. <see cref="Log"/> never blocks and never throws: points go into a bounded
/// queue that a background task drains into the store in batches, one transaction each, moving the run's heartbeat
/// and sampling the process's CPU and RSS on the way. When a write fails, that batch and the rest of the run go to the
/// spill writer (a spool file, replayed in order when the store answers again); without one the batch is kept and
/// retried. A store that is away loses nothing and training never waits for it.
/// </summary>
public sealed class RunTracker : IAsyncDisposable
{
    private const int MaxBatch = 10_000;
    /// <summary>The system metrics each heartbeat samples, numbered by sample.</summary>
    private const string CpuKey = "system/cpu_percent", RssKey = "system/rss_mb";

    private readonly IRunWriter _store;
    private readonly IRunWriter? _spill;
    private readonly RunStart _run;
    private bool _spilling;
    private int _spillAnnounced;
    private readonly TrackerOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<MetricPoint> _queue;
    private readonly Task _writer;
    private readonly TimeProvider _time;
    private long _dropped;
    private long _failedWrites;
    private readonly CancellationTokenSource _finishing = new();
    private bool _finished;
    private volatile bool _abandoned;

    private RunTracker(IRunWriter store, IRunWriter? spill, RunStart run, TrackerOptions options, ILogger logger, TimeProvider time)
    {
        (_store, _spill, _run, RunId, _options, _logger, _time) = (store, spill, run, run.Id!, options, logger, time);
        _queue = Channel.CreateBounded<MetricPoint>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _writer = Task.Run(WriteLoopAsync);
    }

    public string RunId { get; }

    /// <summary>The background writer: it ends once the queue is written, or once the batch in flight lands after a finish that timed out.</summary>
    internal Task Writer => _writer;

    /// <summary>Points that found the queue full (reported when the run finishes).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Batches the store refused (each retried): a locked or unreachable store shows here.</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    /// <summary>Where a continued run's system samples go on: after the last one it recorded (0 for a run with none).</summary>
    public static long NextSystemSample(RunRecord run) => new[] { CpuKey, RssKey }.Max(key => run.Metrics.TryGetValue(key, out var s) ? s.LastStep + 1 : 0);

    /// <summary>
    /// Creates the run in <paramref name="store"/>, or continues it when <see cref="RunStart.Id"/> names one there (a
    /// resumed run); what cannot reach it by the end goes to <paramref name="spill"/>, when given.
    /// </summary>
    public static async Task<RunTracker> StartAsync(IRunWriter store, RunStart run, TrackerOptions options, ILogger logger,
        TimeProvider? time = null, IRunWriter? spill = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var id = await store.CreateRunAsync(run, time.GetUtcNow(), cancellationToken);
        return new RunTracker(store, spill, run with { Id = id }, options, logger, time);
    }

    /// <summary>Writes to the spill writer instead of the store: starts the run there first (replay skips it if the store has it).</summary>
    private async Task<bool> SpillAsync(Func<IRunWriter, Task> write)
    {
        if (_spill is null) return false;
        try
        {
            if (!_spilling) await _spill.CreateRunAsync(_run, _time.GetUtcNow());
            _spilling = true;
            await write(_spill);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Tracking: could not spool run {Run} either: {Message}", RunId, e.Message);
            return false;
        }
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
        {
            // The batch being written still lands (the store waits for it before closing); no batch starts after it.
            _abandoned = true;
            _logger.LogWarning("Tracking: {Waiting} points were still unwritten after {Seconds:F0} s; the run is recorded without them.",
                _queue.Reader.Count, _options.FinishTimeout.TotalSeconds);
        }
        if (Dropped > 0) _logger.LogWarning("Tracking: {Dropped} points found the queue full and were dropped.", Dropped);
        var (ended, final) = (_time.GetUtcNow(), end ?? new RunEnd());
        var problem = "its points were spooled";
        if (!_spilling)
        {
            try
            {
                await _store.EndRunAsync(RunId, status, final, ended);
                return;
            }
            catch (Exception e)
            {
                problem = e.Message;
            }
        }
        // After spooled points, the end is spooled too, so a replay keeps their order.
        if (!await SpillAsync(spill => spill.EndRunAsync(RunId, status, final, ended)))
            _logger.LogWarning("Tracking: could not record the end of run {Run}: {Message}", RunId, problem);
    }

    private async Task WriteLoopAsync()
    {
        var pending = new List<MetricPoint>();
        var process = Process.GetCurrentProcess();
        var (lastCpu, lastSample) = (process.TotalProcessorTime, _time.GetTimestamp());
        var nextBeat = _time.GetUtcNow();
        var sample = _options.FirstSystemSample;
        while (!_abandoned)
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
                pending.Add(new MetricPoint(CpuKey, sample, 100 * (cpu - lastCpu).TotalSeconds / Math.Max(elapsed.TotalSeconds, 1e-9), now));
                pending.Add(new MetricPoint(RssKey, sample++, process.WorkingSet64 / 1e6, now));
                (lastCpu, lastSample, nextBeat) = (cpu, _time.GetTimestamp(), now + _options.Heartbeat);
            }
            if (pending.Count > 0 && await WriteAsync(pending, now)) pending.Clear();
            else if (pending.Count > 0 && !more)
            {
                _logger.LogWarning("Tracking: {Count} points of run {Run} could not be written before it ended.", pending.Count, RunId);
                return;
            }
            else if (pending.Count > 0) await Task.Delay(_options.Heartbeat);
            if (!more && _queue.Reader.Count == 0 && pending.Count == 0) return;
        }
    }

    /// <summary>
    /// Writes a batch to the store; when the store refuses it and a spill writer exists, to the spill instead, and
    /// from then on for the rest of the run (so a replay keeps the order). False when the batch is still unwritten.
    /// </summary>
    private async Task<bool> WriteAsync(List<MetricPoint> batch, DateTimeOffset now)
    {
        if (!_spilling)
        {
            try
            {
                await _store.AppendAsync(RunId, batch, now);
                return true;
            }
            catch (Exception e)
            {
                Interlocked.Increment(ref _failedWrites);
                _logger.LogWarning("Tracking: writing {Count} points failed ({Message}).", batch.Count, e.Message);
            }
        }
        var spilled = await SpillAsync(spill => spill.AppendAsync(RunId, batch, now));
        if (spilled && _failedWrites > 0 && Interlocked.Exchange(ref _spillAnnounced, 1) == 0)
            _logger.LogWarning("Tracking: the store is away; run {Run} goes to the spool and into the store when it answers again.", RunId);
        return spilled;
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
