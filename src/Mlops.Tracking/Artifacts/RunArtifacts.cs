using System.Text.Json;
using System.Text.Json.Serialization;
using Mlops.Core;

namespace Mlops.Tracking.Artifacts;

/// <summary>
/// The report files a finished run keeps in its folder beside its model and config (the confusion matrix, the
/// misclassified validation sentences, charts), how they are written and read back, and the manifest of the whole
/// folder the store records: every file with its size and hash, so a download is verified and a deletion is counted.
/// </summary>
public static partial class RunArtifacts
{
    public const string ConfusionJson = "confusion_matrix.json";
    public const string ConfusionPng = "confusion_matrix.png";
    public const string ConfusionNormalizedPng = "confusion_matrix_normalized.png";
    public const string LearningCurvesPng = "learning_curves.png";
    public const string MisclassifiedJsonl = "misclassified.jsonl";

    /// <summary>What in a run folder is working state, not a result: the resume checkpoint, and the log (still written after the run ends).</summary>
    private static readonly string[] Excluded = ["last/", "train.log"];

    /// <summary>The report files' JSON, generated at compile time.</summary>
    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
    [JsonSerializable(typeof(ConfusionReport))]
    [JsonSerializable(typeof(MisclassifiedSentence))]
    [JsonSerializable(typeof(ClassScores))]
    private sealed partial class ReportJson : JsonSerializerContext;

    public static Task WriteConfusionAsync(string folder, ConfusionReport report, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(Path.Combine(folder, ConfusionJson), JsonSerializer.Serialize(report, ReportJson.Default.ConfusionReport), cancellationToken);

    public static Task WriteMisclassifiedAsync(string folder, IEnumerable<MisclassifiedSentence> sentences, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(Path.Combine(folder, MisclassifiedJsonl),
            string.Concat(sentences.Select(s => JsonSerializer.Serialize(s, ReportJson.Default.MisclassifiedSentence) + "\n")), cancellationToken);

    /// <summary>The run's confusion matrix, or null when it has none.</summary>
    public static async Task<ConfusionReport?> ReadConfusionAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, ConfusionJson);
        if (!File.Exists(path)) return null;
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(stream, ReportJson.Default.ConfusionReport, cancellationToken);
    }

    /// <summary>The run's misclassified sentences, or null when it has none recorded.</summary>
    public static async Task<IReadOnlyList<MisclassifiedSentence>?> ReadMisclassifiedAsync(string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, MisclassifiedJsonl);
        if (!File.Exists(path)) return null;
        var sentences = new List<MisclassifiedSentence>();
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
            if (line.Length > 0) sentences.Add(JsonSerializer.Deserialize(line, ReportJson.Default.MisclassifiedSentence)!);
        return sentences;
    }

    /// <summary>Every file under <paramref name="folder"/> but working state, with its size and SHA-256, in path order ('/' separators).</summary>
    public static async Task<IReadOnlyList<ArtifactFile>> ScanAsync(string folder, CancellationToken cancellationToken)
    {
        var files = new List<ArtifactFile>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            if (Excluded.Any(e => e.EndsWith('/') ? relative.StartsWith(e, StringComparison.Ordinal) : relative == e)) continue;
            files.Add(new ArtifactFile(relative, new FileInfo(file).Length, await ContentHash.HexOfFileAsync(file, cancellationToken)));
        }
        return [.. files.OrderBy(f => f.Path, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The full path of artifact <paramref name="path"/> of a run whose folder is <paramref name="folder"/>, or null when
    /// the path leaves the folder (<c>..</c>, absolute): a download link can name only the run's own files.
    /// </summary>
    public static string? Resolve(string folder, string path)
    {
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, path));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }
}
