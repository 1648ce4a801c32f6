using System.Text.Json;

namespace Mlops.Runs.Multirun;

/// <summary>
/// What a trial has reported so far: its monitored metric after each epoch (step = epoch, from 1), read from the
/// <c>metrics.jsonl</c> that every tracked run writes in its folder as it validates - on the shared file system a
/// cluster's jobs write to, so a search prunes the same way whichever launcher runs it.
/// </summary>
public static class TrialReports
{
    public static IReadOnlyList<(int Step, double Value)> Read(string folder, string metric)
    {
        var path = Path.Combine(folder, RunFolder.MetricsFile);
        if (!File.Exists(path)) return [];
        string[] lines;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return []; // replaced or removed as it was read: the next look reads it
        }
        var reports = new List<(int, double)>();
        foreach (var line in lines)
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                if (json.RootElement.TryGetProperty(metric, out var value) && value.ValueKind == JsonValueKind.Number
                    && json.RootElement.TryGetProperty("epoch", out var epoch) && epoch.ValueKind == JsonValueKind.Number)
                    reports.Add((epoch.GetInt32() + 1, value.GetDouble()));
            }
            catch (JsonException)
            {
                // The last line is still being written.
            }
        }
        return reports;
    }
}
