using Mlops.Core;
using Mlops.Monitoring.Events;

namespace Mlops.Monitoring.Drift;

/// <summary>
/// Prediction events read back from log files (the rolling JSON-lines files, or saved stdout): every line that is a
/// prediction document, in file-name order; other lines (the host's own log lines) are counted, not failed on.
/// </summary>
public sealed record LoggedTraffic(IReadOnlyList<PredictionEvent> Events, int OtherLines)
{
    /// <summary>Reads files, or every <c>*.jsonl</c> and <c>*.log</c> file of a folder.</summary>
    public static async Task<LoggedTraffic> ReadAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path).Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal) || f.EndsWith(".log", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else throw new MlopsException($"Log '{path}' does not exist.", "Pass prediction log files or their folder (monitoring.log_dir).", ExitCodes.UserError);
        }
        var events = new List<PredictionEvent>();
        var other = 0;
        foreach (var file in files)
            await foreach (var line in File.ReadLinesAsync(file, cancellationToken))
            {
                if (line.Length == 0) continue;
                if (EcsDocument.Read(System.Text.Encoding.UTF8.GetBytes(line)) is { } e) events.Add(e);
                else other++;
            }
        return new LoggedTraffic(events, other);
    }

    /// <summary>Each model the events name (<c>ml.model.id</c>; null for events that name none) with how many it wrote, most first.</summary>
    public IReadOnlyList<(string? ModelId, int Events)> Models =>
        [.. Events.GroupBy(e => e.ModelId).Select(g => (g.Key, g.Count())).OrderByDescending(m => m.Item2).ThenBy(m => m.Key, StringComparer.Ordinal)];

    /// <summary>The events of one model, and only those.</summary>
    public LoggedTraffic Of(string modelId) => this with { Events = [.. Events.Where(e => e.ModelId == modelId)] };

    /// <summary>The events as observations for <paramref name="reference"/>, which must name the labels the logging model predicted.</summary>
    public IReadOnlyList<PredictionObservation> ObservationsFor(ReferenceProfile reference, string referencePath)
    {
        foreach (var e in Events)
            if (e.LabelIndex < 0 || e.LabelIndex >= reference.Labels.Count || reference.Labels[e.LabelIndex] != e.Label)
                throw new MlopsException($"Request {e.RequestId} was predicted '{e.Label}' (label {e.LabelIndex}), which '{referencePath}' does not name so.",
                    $"Compare the logs with the profile of the model that wrote them (labels: {string.Join(", ", reference.Labels)}).", ExitCodes.UserError);
        return [.. Events.Select(e => e.Observation)];
    }
}
