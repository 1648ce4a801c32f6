using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Mlops.Tracking.Spool;

/// <summary>
/// Where runs wait while their store is away: one JSON-lines file per run (start, batches of points, end) in a folder
/// of its own per <c>tracking.uri</c>, so nothing meant for one store lands in another. <see cref="ReplayAsync"/> writes
/// them into the store once it answers again (the next tracked run or <c>mlops runs</c> command) and deletes each file
/// only after its run is in.
/// </summary>
public sealed partial class TrackingSpool(string root, string uri) : IRunWriter
{
    /// <summary>The spool's lines, serialized by generated code (no reflection).</summary>
    [JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(Entry))]
    private sealed partial class SpoolJson : JsonSerializerContext;

    /// <summary>The folder for this store: the spool root and a short hash of the uri.</summary>
    public string Directory { get; } = Path.Combine(root, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uri)))[..16]);

    private sealed record Entry(string Kind, string Id, long At, RunStart? Run = null, MetricPoint[]? Points = null, RunStatus? Status = null, RunEnd? End = null);

    private string FileOf(string id) => Path.Combine(Directory, id + ".jsonl");

    private async Task AppendLineAsync(Entry entry, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        // One line per call, flushed before returning: a crash loses at most the line being written.
        await File.AppendAllTextAsync(FileOf(entry.Id), JsonSerializer.Serialize(entry, SpoolJson.Default.Entry) + "\n", cancellationToken);
    }

    public async Task<string> CreateRunAsync(RunStart run, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var id = run.Id ?? Sql.SqlTrackingStore.NewRunId();
        await AppendLineAsync(new Entry("start", id, now.ToUnixTimeMilliseconds(), Run: run with { Id = id }), cancellationToken);
        return id;
    }

    public Task AppendAsync(string runId, IReadOnlyList<MetricPoint> points, DateTimeOffset heartbeat, CancellationToken cancellationToken = default) =>
        AppendLineAsync(new Entry("points", runId, heartbeat.ToUnixTimeMilliseconds(), Points: [.. points]), cancellationToken);

    public Task EndRunAsync(string runId, RunStatus status, RunEnd end, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        AppendLineAsync(new Entry("end", runId, now.ToUnixTimeMilliseconds(), Status: status, End: end), cancellationToken);

    /// <summary>Writes every spooled run into <paramref name="store"/> and removes its file; returns how many runs went in.</summary>
    public async Task<int> ReplayAsync(ITrackingStore store, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(Directory)) return 0;
        var replayed = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                if (line.Length == 0) continue;
                Entry entry;
                try
                {
                    entry = JsonSerializer.Deserialize(line, SpoolJson.Default.Entry)!;
                }
                catch (JsonException)
                {
                    // A line cut short by a crash: everything before it is in, nothing after it was written.
                    logger.LogWarning("Tracking spool {File}: skipped a line that was cut short.", file);
                    continue;
                }
                var at = DateTimeOffset.FromUnixTimeMilliseconds(entry.At);
                switch (entry.Kind)
                {
                    case "start" when await store.FindRunAsync(entry.Id, cancellationToken) is null:
                        await store.CreateRunAsync(entry.Run!, at, cancellationToken);
                        break;
                    case "points":
                        await store.AppendAsync(entry.Id, entry.Points!, at, cancellationToken);
                        break;
                    case "end":
                        await store.EndRunAsync(entry.Id, entry.Status!.Value, entry.End ?? new RunEnd(), at, cancellationToken);
                        break;
                }
            }
            File.Delete(file);
            replayed++;
        }
        if (replayed > 0) logger.LogInformation("Tracking: {Count} spooled run(s) written into the store.", replayed);
        return replayed;
    }
}
