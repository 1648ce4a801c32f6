using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Mlops.Monitoring.Events;

namespace Mlops.Monitoring.Shipping;

/// <summary>
/// Ships prediction events to one backend (<see cref="IEventTarget"/>) from a background loop, so a slow or dead backend
/// never reaches a prediction: <see cref="Offer"/> only queues, into a buffer bounded by
/// <see cref="ShippingOptions.BufferEvents"/> (the batch in flight included; past it, new events are dropped and
/// counted); the loop sends a batch when <see cref="ShippingOptions.BatchEvents"/> are waiting or every
/// <see cref="ShippingOptions.FlushSeconds"/>, keeps what failed at the head and retries it after a backoff that
/// doubles from half a second to <see cref="ShippingOptions.MaxBackoffSeconds"/>, so order is kept and nothing is
/// sent twice unless the backend took a batch and failed to say so.
/// Not Polly's retry (Polly.Core, under Microsoft.Extensions.Resilience): its jittered exponential waits (decorrelated
/// jitter, 0.02-0.7 s for a first retry from 0.5 s) are not <see cref="Backoff"/>'s, and keeping these as its delay
/// generator leaves the loop no shorter.
/// </summary>
public sealed class EventShipper : IAsyncDisposable
{
    /// <summary>What shutdown spends at most on shipping what is still held.</summary>
    public static readonly TimeSpan FinalFlushLimit = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(500);

    private readonly IEventTarget _target;
    private readonly ShippingOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<PredictionEvent> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private List<PredictionEvent> _batch = [];
    private readonly BoundedCount _held;
    private long _shipped, _rejected, _failures;
    private volatile bool _up = true;

    public EventShipper(IEventTarget target, ShippingOptions options, ILogger logger)
    {
        (_target, _options, _logger) = (target, options, logger);
        _held = new BoundedCount(options.BufferEvents);
        _loop = Task.Run(RunAsync);
    }

    public string Name => _target.Name;
    /// <summary>Events the backend took.</summary>
    public long Shipped => Interlocked.Read(ref _shipped);
    /// <summary>Events dropped because the buffer was full (or shutdown could not ship them).</summary>
    public long Dropped => _held.Dropped;
    /// <summary>Events the backend refused for good (a document it cannot index).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);
    /// <summary>Requests that failed as a whole or in part and were retried.</summary>
    public long FailedAttempts => Interlocked.Read(ref _failures);
    /// <summary>False from a failed request until one succeeds again.</summary>
    public bool Up => _up;
    /// <summary>Events waiting or in flight; never more than <see cref="ShippingOptions.BufferEvents"/>.</summary>
    public int Held => _held.Held;

    /// <summary>Queues the events for shipping, dropping (and counting) what the buffer has no room for; never blocks.</summary>
    public void Offer(IReadOnlyList<PredictionEvent> events)
    {
        foreach (var e in events)
            if (_held.TryAdd()) _queue.Enqueue(e);
        if (_queue.Count >= _options.BatchEvents && _wake.CurrentCount == 0) _wake.Release();
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        var attempt = 0;
        DateTimeOffset? downSince = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (_batch.Count == 0 && _queue.Count < _options.BatchEvents)
                    await _wake.WaitAsync(TimeSpan.FromSeconds(_options.FlushSeconds), stop);
                Fill();
                if (_batch.Count == 0) continue;
                var delivery = await SendAsync(TimeSpan.FromSeconds(_options.TimeoutSeconds), stop);
                if (delivery.Retry.Count == 0)
                {
                    if (downSince is { } since)
                        _logger.LogInformation("Shipping prediction events to {Target} resumed after {Seconds:F0} s down; {Dropped} dropped so far.",
                            _target.Name, (DateTimeOffset.UtcNow - since).TotalSeconds, Dropped);
                    (_up, downSince, attempt) = (true, null, 0);
                    continue;
                }
                Interlocked.Increment(ref _failures);
                if (downSince is null)
                    _logger.LogWarning("Shipping prediction events to {Target} failed: {Error}. Retrying with backoff up to {Max} s; holding up to {Capacity} events, dropping (and counting) past that.",
                        _target.Name, delivery.Error, _options.MaxBackoffSeconds, _options.BufferEvents);
                (_up, downSince) = (false, downSince ?? DateTimeOffset.UtcNow);
                await Task.Delay(Backoff(attempt++), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Tops the batch (what is left of a failed one first) up to <see cref="ShippingOptions.BatchEvents"/> from the queue.</summary>
    private void Fill()
    {
        while (_batch.Count < _options.BatchEvents && _queue.TryDequeue(out var e)) _batch.Add(e);
    }

    private async Task<Delivery> SendAsync(TimeSpan limit, CancellationToken stop)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(limit);
        Delivery delivery;
        try
        {
            delivery = await _target.SendAsync(_batch, timeout.Token);
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            delivery = Delivery.RetryAll(_batch, e is OperationCanceledException ? $"no answer within {limit.TotalSeconds:F1} s" : e.Message);
        }
        var settled = _batch.Count - delivery.Retry.Count;
        Interlocked.Add(ref _shipped, settled - delivery.Rejected);
        if (delivery.Rejected > 0)
        {
            Interlocked.Add(ref _rejected, delivery.Rejected);
            _logger.LogWarning("{Target} refused {Count} prediction events for good: {Error}", _target.Name, delivery.Rejected, delivery.Error);
        }
        _held.Release(settled);
        _batch = delivery.Retry.Count == _batch.Count ? _batch : [.. delivery.Retry];
        return delivery;
    }

    /// <summary>Doubling from half a second to the cap, each wait between half and all of it (jitter, so many hosts do not retry in step).</summary>
    private TimeSpan Backoff(int attempt)
    {
        var cap = TimeSpan.FromSeconds(_options.MaxBackoffSeconds);
        var delay = FirstBackoff * Math.Pow(2, Math.Min(attempt, 30));
        delay = delay < cap ? delay : cap;
        return delay / 2 + delay / 2 * Random.Shared.NextDouble();
    }

    /// <summary>
    /// Stops the loop and ships what is still held, batch by batch, for at most <see cref="FinalFlushLimit"/> (or the
    /// request timeout, when shorter); what a backend that is down leaves behind counts as dropped. Then closes the
    /// target, when it holds something to close (a store's connection).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        var limit = TimeSpan.FromSeconds(Math.Min(_options.TimeoutSeconds, FinalFlushLimit.TotalSeconds));
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            for (Fill(); _batch.Count > 0; Fill())
                if ((await SendAsync(limit, deadline.Token)).Retry.Count > 0) break;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }
        var left = Held;
        if (left > 0)
        {
            _held.Drop(left);
            _logger.LogWarning("{Count} prediction events were not shipped to {Target} before shutdown.", left, _target.Name);
        }
        if (_target is IAsyncDisposable owned) await owned.DisposeAsync();
        _stop.Dispose();
        _wake.Dispose();
    }
}
