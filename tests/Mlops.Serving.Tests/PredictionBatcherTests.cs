using Mlops.Core;

namespace Mlops.Serving.Tests;

public sealed class PredictionBatcherTests
{
    /// <summary>Echoes each text as its prediction, records every batch, can be held at a gate, and fails a batch holding "boom".</summary>
    private sealed class RecordingClassifier(bool open = true) : ITextClassifier
    {
        /// <summary>Closed: every batch waits inside the classifier until <see cref="Open"/>.</summary>
        public SemaphoreSlim Gate { get; } = new(open ? 1 : 0);

        public void Open() => Gate.Release();

        public List<string[]> Batches { get; } = [];

        public IReadOnlyList<string> LabelNames => ["a", "b"];

        public bool TakesPairs => false;

        public IReadOnlyList<Prediction> Predict(IReadOnlyList<TextInput> inputs, CancellationToken cancellationToken = default) =>
            Predict([.. inputs.Select(i => i.Text)], cancellationToken);

        public IReadOnlyList<Prediction> Predict(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            Gate.Wait(cancellationToken);
            Gate.Release();
            lock (Batches) Batches.Add([.. texts]);
            if (texts.Contains("boom")) throw new InvalidOperationException("boom");
            return texts.Select(t => new Prediction(t, "a", 0, [1f, 0f])).ToList();
        }

        public void Dispose() => Gate.Dispose();
    }

    [Fact]
    public async Task Concurrent_requests_share_batches_and_each_gets_its_own_answers_in_order()
    {
        using var classifier = new RecordingClassifier();
        await using var batcher = new PredictionBatcher(classifier, maxBatch: 8, TimeSpan.FromMilliseconds(50), capacity: 100);
        var timings = new List<BatchTiming>();
        batcher.BatchComputed += timings.Add;
        var requests = Enumerable.Range(0, 12).Select(r => Enumerable.Range(0, 1 + r % 3).Select(i => $"r{r}-t{i}").ToArray()).ToList();
        var answers = await Task.WhenAll(requests.Select(texts => batcher.TryPredict(TextInput.FromTexts(texts), CancellationToken.None)!));
        for (var r = 0; r < requests.Count; r++) Assert.Equal(requests[r], answers[r].Select(p => p.Text));
        Assert.All(classifier.Batches, b => Assert.InRange(b.Length, 1, 8));
        Assert.True(classifier.Batches.Count < requests.Sum(r => r.Length), "texts were never coalesced");
        Assert.Equal(classifier.Batches.Select(b => b.Length), timings.Select(t => t.Size));
        Assert.All(timings, t => Assert.Equal(t.Size, t.QueueWaits.Count));
        Assert.All(timings.SelectMany(t => t.QueueWaits), w => Assert.True(w >= TimeSpan.Zero));
    }

    private static Task WorkerHasTakenEverything(PredictionBatcher batcher) =>
        Poll.UntilAsync(() => batcher.QueueDepth == 0, () => $"{batcher.QueueDepth} texts are still queued");

    [Fact]
    public async Task A_full_queue_refuses_the_whole_request_and_queues_nothing_of_it()
    {
        using var classifier = new RecordingClassifier(open: false);
        await using var batcher = new PredictionBatcher(classifier, maxBatch: 1, TimeSpan.Zero, capacity: 3);
        var first = batcher.TryPredict(TextInput.FromTexts(["first"]), CancellationToken.None)!;
        await WorkerHasTakenEverything(batcher); // the worker now waits inside the classifier with "first"
        var queued = batcher.TryPredict(TextInput.FromTexts(["q1", "q2", "q3"]), CancellationToken.None);
        Assert.NotNull(queued);
        Assert.Null(batcher.TryPredict(TextInput.FromTexts(["x"]), CancellationToken.None));
        Assert.Equal(3, batcher.QueueDepth);
        classifier.Open();
        await Task.WhenAll(first, queued!);
        Assert.DoesNotContain(classifier.Batches, b => b.Contains("x"));
    }

    [Fact]
    public async Task A_failing_text_never_fails_its_batch_mates()
    {
        using var classifier = new RecordingClassifier();
        await using var batcher = new PredictionBatcher(classifier, maxBatch: 8, TimeSpan.FromMilliseconds(50), capacity: 100);
        var good = batcher.TryPredict(TextInput.FromTexts(["fine", "also fine"]), CancellationToken.None)!;
        var bad = batcher.TryPredict(TextInput.FromTexts(["boom"]), CancellationToken.None)!;
        Assert.Equal(["fine", "also fine"], (await good).Select(p => p.Text));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
    }

    [Fact]
    public async Task A_request_that_went_away_is_dropped_before_it_is_computed()
    {
        using var classifier = new RecordingClassifier(open: false);
        await using var batcher = new PredictionBatcher(classifier, maxBatch: 1, TimeSpan.Zero, capacity: 10);
        var first = batcher.TryPredict(TextInput.FromTexts(["first"]), CancellationToken.None)!;
        await WorkerHasTakenEverything(batcher);
        using var gone = new CancellationTokenSource();
        var abandoned = batcher.TryPredict(TextInput.FromTexts(["abandoned"]), gone.Token)!;
        await gone.CancelAsync();
        classifier.Open();
        await first;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.DoesNotContain(classifier.Batches, b => b.Contains("abandoned"));
    }
}
