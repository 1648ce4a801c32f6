using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Mlops.Core;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Events;
using Mlops.Tests;

namespace Mlops.Monitoring.Tests;

public sealed class PredictionRecorderTests : TempDirectoryTest
{
    private static readonly string[] Labels = ["unacceptable", "acceptable"];

    private static Prediction[] Predictions(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Prediction($"sentence {i}", "acceptable", 1, [0.2f, 0.8f]) { Tokens = 2, UnknownTokens = 0 })];

    private Task<PredictionRecorder?> RecorderAsync(MonitoringOptions options, Stream? stdout = null, int embeddingSize = 0, TimeProvider? time = null) =>
        PredictionRecorder.CreateAsync(options, new ModelDirectory(Dir), Labels, embeddingSize, "api", "sha256:abc", "abc", NullLogger.Instance, CancellationToken.None, stdout,
            time: time);

    [Fact]
    public async Task A_log_that_falls_behind_drops_and_counts_events_and_never_blocks_a_request()
    {
        using var stalled = new StalledStream();
        var clock = new FakeTimeProvider();
        var recorder = (await RecorderAsync(new MonitoringOptions { BufferEvents = 5 }, stalled, time: clock))!;
        recorder.Record("r1", Predictions(5), TimeSpan.FromMilliseconds(1)); // the queue is full
        clock.Advance(PredictionRecorder.DrainInterval);
        await Poll.UntilAsync(() => stalled.Writing, () => "the drain never started writing");
        // The drain took the first event and is stuck writing it; four still wait, so one more fits and 49 are dropped.
        recorder.Record("r2", Predictions(50), TimeSpan.FromMilliseconds(1)); // returns although the drain is stuck writing
        Assert.Equal(49, recorder.Dropped);
        stalled.Release();
        recorder.Dispose();
        Assert.Equal(6, stalled.Lines);
    }

    [Fact]
    public async Task Drained_events_carry_the_request_the_model_and_a_hash_never_the_text()
    {
        var stdout = new MemoryStream();
        using var recorder = (await RecorderAsync(new MonitoringOptions { TextSalt = "salt" }, stdout))!;
        recorder.Record("req-7", Predictions(3), TimeSpan.FromMilliseconds(2));
        recorder.Drain();
        var lines = Text(stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line =>
        {
            Assert.Contains("\"http\":{\"request\":{\"id\":\"req-7\"}}", line);
            Assert.Contains("\"model\":{\"id\":\"sha256:abc\",\"version\":\"abc\"}", line);
            Assert.Contains("\"text_hash\":\"hmac-sha256:", line);
            Assert.DoesNotContain("sentence", line);
        });
        Assert.Null(recorder.Drift); // no reference profile beside this model
    }

    [Fact]
    public async Task A_sentence_pairs_event_hashes_both_texts_and_logs_its_second_text_only_when_allowed()
    {
        Prediction Pair(string second) => new("a man sleeps.", "acceptable", 1, [0.2f, 0.8f]) { Pair = second, Tokens = 6 };
        async Task<List<PredictionEvent>> EventsAsync(bool logText)
        {
            var stdout = new MemoryStream();
            using (var recorder = (await RecorderAsync(new MonitoringOptions { TextSalt = "salt", LogText = logText }, stdout))!)
            {
                recorder.Record("req-1", [Pair("someone is asleep."), Pair("someone is awake."), new Prediction("a man sleeps.", "acceptable", 1, [0.2f, 0.8f])],
                    TimeSpan.FromMilliseconds(1));
                recorder.Drain();
            }
            return [.. Text(stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => EcsDocument.Read(System.Text.Encoding.UTF8.GetBytes(l))!)];
        }

        var hidden = await EventsAsync(logText: false);
        using var privacy = new TextPrivacy(false, "salt");
        Assert.Equal([privacy.Hash("a man sleeps.", "someone is asleep."), privacy.Hash("a man sleeps.", "someone is awake."), privacy.Hash("a man sleeps.")],
            hidden.Select(e => e.TextHash));
        Assert.All(hidden, e => Assert.Null(e.TextPair));
        Assert.Equal(6, hidden[0].Tokens);
        var shown = await EventsAsync(logText: true);
        Assert.Equal(["someone is asleep.", "someone is awake.", null], shown.Select(e => e.TextPair));
        Assert.All(shown, e => Assert.Equal("a man sleeps.", e.Text));
    }

    [Fact]
    public async Task A_model_with_a_profile_gets_a_drift_monitor_fed_by_every_prediction()
    {
        await ReferenceProfile.From(Labels, [.. Enumerable.Range(0, 20).Select(i => new PredictionObservation(i % 2, 0.8, 5, 0))], "test")
            .WriteAsync(new ModelDirectory(Dir).ProfilePath, CancellationToken.None);
        var stdout = new MemoryStream();
        using var recorder = (await RecorderAsync(new MonitoringOptions(), stdout))!;
        recorder.Record("r", Predictions(7), TimeSpan.Zero);
        Assert.Equal(7, recorder.Drift!.Seen);
        recorder.Drain();
        // Each event carries the monitor's decision when it was written: 7 predictions are too few to decide.
        Assert.All(Text(stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.Equal(DriftState.InsufficientData, EcsDocument.Read(System.Text.Encoding.UTF8.GetBytes(line))!.DriftState));
    }

    [Fact]
    public async Task A_window_too_small_to_decide_stamps_its_state_and_no_score()
    {
        await ReferenceProfile.From(Labels, [.. Enumerable.Range(0, 20).Select(i => new PredictionObservation(i % 2, 0.8, 5, 0))], "test")
            .WriteAsync(new ModelDirectory(Dir).ProfilePath, CancellationToken.None);
        var stdout = new MemoryStream();
        using var recorder = (await RecorderAsync(new MonitoringOptions(), stdout))!;
        // Seven predictions, all of one label: far from the reference's even mix, but too few to decide anything.
        recorder.Record("r", Predictions(7), TimeSpan.Zero);
        recorder.Drain();
        Assert.All(Text(stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries), line =>
        {
            Assert.Contains("\"drift\":{\"state\":\"insufficient_data\"}", line);
            Assert.Null(EcsDocument.Read(System.Text.Encoding.UTF8.GetBytes(line))!.DriftScore);
        });
    }

    [Fact]
    public async Task A_profile_for_other_labels_is_refused_in_one_line()
    {
        await ReferenceProfile.From(["no", "yes"], [new PredictionObservation(0, 0.9, 3, 0)], "test").WriteAsync(new ModelDirectory(Dir).ProfilePath, CancellationToken.None);
        var error = await Assert.ThrowsAsync<MlopsException>(() => RecorderAsync(new MonitoringOptions { Stdout = false }));
        Assert.Contains("names labels [no, yes]", error.Message);
    }

    [Fact]
    public async Task A_model_without_embeddings_is_served_with_a_profile_that_has_them_and_other_widths_are_refused()
    {
        await ReferenceProfile.From(Labels, [.. Enumerable.Range(0, 20).Select(i => new PredictionObservation(i % 2, 0.8, 5, 0) { Embedding = [i, 1f] })], "test")
            .WriteAsync(new ModelDirectory(Dir).ProfilePath, CancellationToken.None);
        using (var older = (await RecorderAsync(new MonitoringOptions { Stdout = false }, embeddingSize: 0))!)
            Assert.NotNull(older.Drift); // the other signals still run; embedding drift is off
        var error = await Assert.ThrowsAsync<MlopsException>(() => RecorderAsync(new MonitoringOptions { Stdout = false }, embeddingSize: 3));
        Assert.Equal(ExitCodes.ConfigError, error.ExitCode);
        Assert.Contains("sentence embeddings of 2 dimensions; the model gives 3", error.Message);
    }

    [Fact]
    public async Task Monitoring_off_records_nothing()
    {
        Assert.Null(await RecorderAsync(new MonitoringOptions { Enabled = false }));
    }

    private static string Text(MemoryStream stdout) => System.Text.Encoding.UTF8.GetString(stdout.ToArray());

    /// <summary>A stdout whose first write hangs until released, like a pipe nobody reads.</summary>
    private sealed class StalledStream : MemoryStream
    {
        private readonly ManualResetEventSlim _released = new();
        private volatile bool _writing;

        public int Lines { get; private set; }

        /// <summary>True once a write has started (and, until <see cref="Release"/>, hangs).</summary>
        public bool Writing => _writing;

        public void Release() => _released.Set();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _writing = true;
            _released.Wait();
            Lines++;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        protected override void Dispose(bool disposing)
        {
            _released.Dispose();
            base.Dispose(disposing);
        }
    }
}
