using System.Text.Json.Nodes;
using Mlops.Monitoring.Drift;
using Mlops.Tests;

namespace Mlops.Monitoring.Tests;

public sealed class EmbeddingDriftTests : TempDirectoryTest
{
    private static readonly string[] Labels = ["unacceptable", "acceptable"];
    private const int Dimensions = 16;

    /// <summary>
    /// Predictions whose label, confidence and length are alike in every call, with embeddings from a Gaussian cloud of
    /// unequal spreads per dimension (0.2 to 1.7), moved by <paramref name="shift"/> along the first dimension.
    /// </summary>
    private static PredictionObservation[] Traffic(int count, int seed, double shift = 0, bool embeddings = true)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new PredictionObservation(i % 3 == 0 ? 0 : 1, 0.6 + 0.38 * (i % 50) / 50.0, 6 + i % 9, 0)
        {
            Embedding = embeddings ? [.. Enumerable.Range(0, Dimensions).Select(d => (float)((0.2 + 0.1 * d) * Normal(random) + (d == 0 ? shift : 0)))] : null,
        })];
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static readonly ReferenceProfile Reference = ReferenceProfile.From(Labels, Traffic(2000, seed: 1), "generated");

    private static DriftSignal? EmbeddingSignal(DriftReport report) => report.Signals.SingleOrDefault(s => s.Name == DriftAnalysis.EmbeddingSignal);

    [Fact]
    public void The_effect_is_the_centroid_distance_in_reference_rms_spreads()
    {
        PredictionObservation At(float x, float y) => new(1, 0.9, 5, 0) { Embedding = [x, y] };
        var reference = ReferenceProfile.From(Labels, [At(1, 0), At(-1, 0), At(0, 1), At(0, -1)], "four points");
        Assert.Equal([0.0, 0.0], reference.Embeddings!.Centroid);
        Assert.Equal(1.0, reference.Embeddings.RmsSpread, 12);
        Assert.Equal(2.0, reference.Embeddings.EffectiveDimensions, 12);

        var signal = EmbeddingSignal(DriftAnalysis.Compare(reference, [.. Enumerable.Repeat(At(0.3f, 0.4f), 4)], new DriftThresholds()))!;
        // ||(0.3, 0.4)|| = 0.5 spreads; with n' = 4 * 4 / (4 + 4) = 2 the statistic n' k effect^2 = 2 * 2 * 0.25 = 1 on 2 degrees of freedom, p = exp(-1 / 2).
        Assert.Equal(0.5, signal.Effect, 6);
        Assert.Equal(1.0, signal.Statistic, 5);
        Assert.Equal(Math.Exp(-0.5), signal.PValue, 5);
    }

    [Fact]
    public void The_serving_monitor_keeps_copies_of_the_last_window_of_embeddings_and_decides_as_the_analysis_does()
    {
        var thresholds = new DriftThresholds { Window = 500 };
        var monitor = new DriftMonitor(Reference, thresholds);
        var traffic = Traffic(700, seed: 3, shift: 0.5 * Reference.Embeddings!.RmsSpread);
        foreach (var observation in traffic) monitor.Observe(observation);
        var expected = DriftAnalysis.Compare(Reference, [.. traffic[200..]], thresholds);
        // The predictions' own arrays may be reused or die after the request: the monitor must not read them again.
        foreach (var observation in traffic) Array.Clear(observation.Embedding!);

        var report = monitor.Evaluate();
        Assert.Equal(expected.Signals, report.Signals);
        Assert.Equal(DriftState.Drift, report.State);
        Assert.Contains(report.Drifted, s => s.Name == DriftAnalysis.EmbeddingSignal);
    }

    [Fact]
    public void An_unshifted_cloud_does_not_drift_and_a_shifted_one_drifts_on_its_embeddings_alone()
    {
        var unshifted = DriftAnalysis.Compare(Reference, Traffic(500, seed: 2), new DriftThresholds());
        Assert.Equal(DriftState.NoDrift, unshifted.State);
        Assert.InRange(EmbeddingSignal(unshifted)!.Effect, 0, 0.1);

        // Half the reference's RMS spread (about 4.2 here) along one dimension.
        var shifted = DriftAnalysis.Compare(Reference, Traffic(500, seed: 3, shift: 0.5 * Reference.Embeddings!.RmsSpread), new DriftThresholds());
        Assert.Equal(DriftState.Drift, shifted.State);
        Assert.Equal([DriftAnalysis.EmbeddingSignal], shifted.Drifted.Select(s => s.Name));
        Assert.InRange(EmbeddingSignal(shifted)!.Effect, 0.45, 0.55);
        Assert.True(EmbeddingSignal(shifted)!.PValue < 1e-12);
    }

    [Fact]
    public void With_no_shift_the_p_value_is_about_uniform()
    {
        var windows = Enumerable.Range(0, 400).Select(seed => EmbeddingSignal(DriftAnalysis.Compare(Reference, Traffic(100, seed: 100 + seed), new DriftThresholds()))!.PValue).ToArray();
        Assert.InRange(windows.Count(p => p < 0.05) / (double)windows.Length, 0.02, 0.09);
        Assert.InRange(windows.Count(p => p < 0.5) / (double)windows.Length, 0.4, 0.6);
    }

    [Fact]
    public void A_window_without_embeddings_has_no_embedding_signal()
    {
        var report = DriftAnalysis.Compare(Reference, Traffic(500, seed: 2, embeddings: false), new DriftThresholds());
        Assert.Null(EmbeddingSignal(report));
        Assert.Equal(DriftState.NoDrift, report.State);
    }

    [Fact]
    public void A_profile_of_predictions_without_embeddings_has_none()
    {
        Assert.Null(ReferenceProfile.From(Labels, Traffic(50, seed: 1, embeddings: false), "logged").Embeddings);
    }

    [Fact]
    public async Task The_embedding_profile_reads_back_and_a_version_2_profile_still_reads_without_one()
    {
        var path = Path.Combine(Dir, ReferenceProfile.FileName);
        await Reference.WriteAsync(path, CancellationToken.None);
        var read = await ReferenceProfile.ReadAsync(path, CancellationToken.None);
        Assert.Equal(3, read.FormatVersion);
        Assert.Equal(Reference.Embeddings!.Centroid, read.Embeddings!.Centroid);
        Assert.Equal(Reference.Embeddings.RmsSpread, read.Embeddings.RmsSpread);
        Assert.Equal(Reference.Embeddings.EffectiveDimensions, read.Embeddings.EffectiveDimensions);
        Assert.Equal(2000, read.Embeddings.Count);

        var version2 = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        Assert.True(version2.Remove("embeddings"));
        version2["format_version"] = 2;
        await File.WriteAllTextAsync(path, version2.ToJsonString());
        var old = await ReferenceProfile.ReadAsync(path, CancellationToken.None);
        Assert.Equal(2, old.FormatVersion);
        Assert.Null(old.Embeddings);
        Assert.Null(EmbeddingSignal(DriftAnalysis.Compare(old, Traffic(500, seed: 3, shift: 2), new DriftThresholds())));
    }
}
