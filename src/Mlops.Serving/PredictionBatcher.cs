using System.Diagnostics;
using System.Threading.Channels;
using Mlops.Core;

namespace Mlops.Serving;

/// <summary>
/// Adaptive micro-batching (what BentoML and Triton do): texts from concurrent requests wait in one bounded queue and
/// are classified together, up to <c>serving.batch_size</c> texts or <c>serving.max_wait_ms</c> after the first arrived,
/// whichever comes first. A full queue refuses at once (the caller answers 503 with Retry-After); a request that
/// goes away drops its texts before they are computed; a batch that fails is retried text by text, so one bad text
/// never fails its batch-mates; every caller gets its own predictions, in its own order.
/// </summary>
public sealed class PredictionBatcher : IAsyncDisposable
{
    private sealed record Item(TextInput Input, TaskCompletionSource<Prediction> Result, CancellationToken Cancellation, long Queued);

    private readonly ITextClassifier _classifier;
    private readonly int _maxBatch;
    private readonly int _capacity;
    private readonly TimeSpan _maxWait;
    private readonly Channel<Item> _queue;
    private readonly Task _worker;

    public PredictionBatcher(ITextClassifier classifier, int maxBatch, TimeSpan maxWait, int capacity)
    {
        (_classifier, _maxBatch, _maxWait, _capacity) = (classifier, maxBatch, maxWait, capacity);
        _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _worker = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Texts waiting for a batch.</summary>
    public int QueueDepth => _queue.Reader.Count;

    /// <summary>Called after every batch computed: where a request's time goes.</summary>
    public event Action<BatchTiming>? BatchComputed;

    /// <summary>Queues the inputs (texts, or sentence pairs for a model of pairs); null when the queue has no room for all of them (nothing is queued then).</summary>
    public Task<Prediction[]>? TryPredict(IReadOnlyList<TextInput> inputs, CancellationToken cancellationToken)
    {
        var queued = Stopwatch.GetTimestamp();
        var items = inputs.Select(t => new Item(t, new TaskCompletionSource<Prediction>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken, queued)).ToList();
        lock (_queue)
        {
            // All or nothing: a request is never half queued.
            if (_queue.Reader.Count + items.Count > _capacity) return null;
            foreach (var item in items)
                if (!_queue.Writer.TryWrite(item)) return null;
        }
        return Task.WhenAll(items.Select(i => i.Result.Task));
    }

    private async Task RunAsync()
    {
        var batch = new List<Item>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(_maxWait.TotalSeconds * Stopwatch.Frequency);
            while (batch.Count < _maxBatch)
            {
                if (_queue.Reader.TryRead(out var item))
                {
                    if (item.Cancellation.IsCancellationRequested) item.Result.TrySetCanceled(item.Cancellation);
                    else batch.Add(item);
                    continue;
                }
                var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (batch.Count == 0 || left <= TimeSpan.Zero) break;
                using var wait = new CancellationTokenSource(left);
                try
                {
                    if (!await _queue.Reader.WaitToReadAsync(wait.Token)) break;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            if (batch.Count > 0) Compute(batch);
            batch.Clear();
        }
    }

    private void Compute(List<Item> batch)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var predictions = _classifier.Predict(batch.Select(i => i.Input).ToList());
            var modelTime = Stopwatch.GetElapsedTime(started);
            for (var i = 0; i < batch.Count; i++) batch[i].Result.TrySetResult(predictions[i]);
            BatchComputed?.Invoke(new BatchTiming(batch.Count, batch.Select(i => Stopwatch.GetElapsedTime(i.Queued, started)).ToList(), modelTime));
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var item in batch) Compute([item]);
        }
        catch (Exception e)
        {
            batch[0].Result.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker;
    }
}
