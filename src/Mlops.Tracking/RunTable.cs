using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using Mlops.Core;

namespace Mlops.Tracking;

/// <summary>
/// Runs as a table for other tools (<c>mlops runs export</c>): one row per run with its identity, every metric's last
/// value (<c>metric.val_mcc</c>) and every param (<c>param.training.lr</c>), as CSV or JSON, written atomically.
/// </summary>
public static class RunTable
{
    public static readonly IReadOnlyList<string> Extensions = [".csv", ".json"];

    /// <summary>Fails with one line before any work when <paramref name="path"/> is not a format this writes.</summary>
    public static void CheckExtension(string path) => OutputExtension.Require(path, Extensions);

    public static async Task WriteAsync(string path, ITrackingStore store, IReadOnlyList<RunRecord> runs, CancellationToken cancellationToken)
    {
        CheckExtension(path);
        var rows = new List<Dictionary<string, string?>>();
        foreach (var run in runs)
        {
            var row = new Dictionary<string, string?>
            {
                ["id"] = run.Id,
                ["name"] = run.Name,
                ["sweep"] = run.Sweep,
                ["status"] = run.Status.ToString().ToLowerInvariant(),
                ["started"] = run.StartedAt.ToString("O", CultureInfo.InvariantCulture),
                ["ended"] = run.EndedAt?.ToString("O", CultureInfo.InvariantCulture),
                ["model_id"] = run.ModelId,
                ["data_fingerprint"] = run.DataFingerprint,
                ["git_commit"] = run.GitCommit,
                ["git_dirty"] = run.GitDirty?.ToString().ToLowerInvariant(),
                ["config_hash"] = run.ConfigHash,
                ["run_dir"] = run.RunDir,
            };
            foreach (var (key, summary) in run.Metrics) row["metric." + key] = summary.Last.ToString("R", CultureInfo.InvariantCulture);
            foreach (var (key, value) in await store.ParamsAsync(run.Id, cancellationToken)) row["param." + key] = value;
            rows.Add(row);
        }
        var columns = rows.SelectMany(r => r.Keys).Distinct().ToList();
        var fixedCount = columns.TakeWhile(c => !c.StartsWith("metric.", StringComparison.Ordinal) && !c.StartsWith("param.", StringComparison.Ordinal)).Count();
        columns = [.. columns.Take(fixedCount), .. columns.Skip(fixedCount).Order(StringComparer.Ordinal)];
        await AtomicFile.WriteAllTextAsync(path, Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            ? Csv(columns, rows)
            : new JsonArray([.. rows.Select(r => (JsonNode)new JsonObject(columns.Where(r.ContainsKey).Select(c => KeyValuePair.Create(c, (JsonNode?)r[c]))))])
                .ToJsonString(ReadableJson.Indented()), cancellationToken);
    }

    private static string Csv(IReadOnlyList<string> columns, IReadOnlyList<Dictionary<string, string?>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        foreach (var column in columns) csv.WriteField(column);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var column in columns) csv.WriteField(row.GetValueOrDefault(column));
            csv.NextRecord();
        }
        csv.Flush();
        return text.ToString();
    }
}
