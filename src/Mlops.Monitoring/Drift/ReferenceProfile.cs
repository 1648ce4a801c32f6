using System.Text.Json;
using System.Text.Json.Serialization;
using Mlops.Core;
using Mlops.Monitoring.Performance;

namespace Mlops.Monitoring.Drift;

/// <summary>
/// How the model's predictions looked on held-out data when it was trained - the predicted label mix, the confidence and
/// token-length distributions, the unknown-token rate - saved beside the model (<see cref="FileName"/>) so that serving
/// and <c>mlops monitor</c> can tell live traffic that looks different. Samples are kept sorted and at most
/// <see cref="MaxSample"/> long (evenly spaced quantiles beyond), enough for a two-sample KS test. From format version 2
/// it also carries <see cref="Performance"/>, the calibration that estimates live accuracy and MCC; from version 3
/// <see cref="Embeddings"/>, the centroid and spread of the pooled sentence embeddings. Versions 1 and 2 still read,
/// without an estimate or embedding drift.
/// </summary>
public sealed record ReferenceProfile
{
    public const string FileName = ModelDirectory.ProfileFile;
    public const int CurrentFormatVersion = 3;
    public const int MaxSample = 2000;
    public const int HistogramBins = 10;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    /// <summary>What the profile was computed on, e.g. <c>validation: in_domain, out_of_domain (1,043 sentences)</c>.</summary>
    public required string Source { get; init; }
    public required IReadOnlyList<string> Labels { get; init; }
    /// <summary>Predictions per label on the reference data (the model's predictions: live traffic has no labels to compare).</summary>
    public required IReadOnlyList<double> LabelCounts { get; init; }
    public required IReadOnlyList<double> Confidence { get; init; }
    public required Bins ConfidenceBins { get; init; }
    public required IReadOnlyList<double> Tokens { get; init; }
    public required Bins TokenBins { get; init; }
    /// <summary>Unknown tokens over all tokens of the reference data.</summary>
    public required double UnknownTokenRate { get; init; }
    /// <summary>The true accuracy and MCC on the reference data and the calibration fitted there; null when the profile has none (format version 1).</summary>
    public ReferencePerformance? Performance { get; init; }
    /// <summary>The reference's sentence embeddings summarised; null when the profile has none (before format version 3, or a model that gave none).</summary>
    public EmbeddingProfile? Embeddings { get; init; }

    [JsonIgnore]
    public int Count => (int)LabelCounts.Sum();

    /// <summary>
    /// The profile of <paramref name="observations"/>; with their true labels (<paramref name="actualLabels"/>) also its
    /// <see cref="Performance"/>, and when every observation has an embedding its <see cref="Embeddings"/>.
    /// </summary>
    public static ReferenceProfile From(IReadOnlyList<string> labels, IReadOnlyList<PredictionObservation> observations, string source,
        IReadOnlyList<int>? actualLabels = null)
    {
        if (observations.Count == 0) throw new ArgumentException("A reference profile needs at least one prediction.", nameof(observations));
        var counts = new double[labels.Count];
        foreach (var o in observations) counts[o.LabelIndex]++;
        var confidence = observations.Select(o => o.Confidence).ToArray();
        var tokens = observations.Select(o => (double)o.Tokens).ToArray();
        return new ReferenceProfile
        {
            Source = source,
            Labels = labels,
            LabelCounts = counts,
            Confidence = Sample(confidence),
            ConfidenceBins = Bins.FromQuantiles(confidence, HistogramBins),
            Tokens = Sample(tokens),
            TokenBins = Bins.FromQuantiles(tokens, HistogramBins),
            UnknownTokenRate = PredictionObservation.UnknownTokenRate(observations),
            Performance = actualLabels is null ? null : ReferencePerformance.Measure(labels.Count, observations, actualLabels),
            Embeddings = observations.All(o => o.Embedding is not null) ? EmbeddingProfile.From([.. observations.Select(o => o.Embedding!)]) : null,
        };
    }

    /// <summary>The values sorted, or <see cref="MaxSample"/> evenly spaced quantiles of them when there are more.</summary>
    private static double[] Sample(double[] values)
    {
        Array.Sort(values);
        if (values.Length <= MaxSample) return values;
        return [.. Enumerable.Range(0, MaxSample).Select(i => values[(int)Math.Round(i * (values.Length - 1) / (double)(MaxSample - 1))])];
    }

    public static async Task<ReferenceProfile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            var profile = await JsonSerializer.DeserializeAsync(stream, MonitoringJson.Default.ReferenceProfile, cancellationToken)
                ?? throw new JsonException("empty document");
            if (profile.FormatVersion > CurrentFormatVersion)
                throw new MlopsException($"'{path}' has format version {profile.FormatVersion}; this mlops reads up to {CurrentFormatVersion}.",
                    "Upgrade mlops to read this profile.", ExitCodes.ModelError);
            return profile;
        }
        catch (JsonException e)
        {
            throw new MlopsException($"'{path}' is not a valid reference profile: {e.Message}",
                "Train the model again (training writes it) or delete the file to serve without drift detection.", ExitCodes.ModelError, e);
        }
    }

    public Task WriteAsync(string path, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(this, ReadableJson.TypeInfo(MonitoringJson.Default.ReferenceProfile)), cancellationToken);
}
