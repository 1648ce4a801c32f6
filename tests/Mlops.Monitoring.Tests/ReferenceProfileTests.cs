using System.Text.Json.Nodes;
using Mlops.Monitoring.Drift;
using Mlops.Tests;

namespace Mlops.Monitoring.Tests;

public sealed class ReferenceProfileTests : TempDirectoryTest
{
    [Fact]
    public async Task A_profile_reads_back_as_written()
    {
        var observations = Enumerable.Range(0, 50).Select(i => new PredictionObservation(i % 3 == 0 ? 0 : 1, 0.5 + i / 100.0, 5 + i % 7, i % 10 == 0 ? 1 : 0)).ToArray();
        var profile = ReferenceProfile.From(["no", "yes"], observations, "test data");
        var path = Path.Combine(Dir, ReferenceProfile.FileName);
        await profile.WriteAsync(path, CancellationToken.None);
        var read = await ReferenceProfile.ReadAsync(path, CancellationToken.None);
        Assert.Equal(profile.LabelCounts, read.LabelCounts);
        Assert.Equal(profile.Confidence, read.Confidence);
        Assert.Equal(profile.TokenBins.Cuts, read.TokenBins.Cuts);
        Assert.Equal(profile.UnknownTokenRate, read.UnknownTokenRate);
        Assert.Equal([17.0, 33.0], read.LabelCounts);
        Assert.Equal(5.0 / observations.Sum(o => o.Tokens), read.UnknownTokenRate, 12);
    }

    [Fact]
    public async Task A_calibrated_profile_reads_back_with_its_performance_and_calibration()
    {
        var observations = Enumerable.Range(0, 200).Select(i => new PredictionObservation(i % 2, 0.5 + i % 50 / 100.0, 8, 0)).ToArray();
        var profile = ReferenceProfile.From(["no", "yes"], observations, "labelled", [.. observations.Select((o, i) => i % 3 == 0 ? 1 - o.LabelIndex : o.LabelIndex)]);
        var path = Path.Combine(Dir, ReferenceProfile.FileName);
        await profile.WriteAsync(path, CancellationToken.None);
        var read = await ReferenceProfile.ReadAsync(path, CancellationToken.None);
        Assert.Equal(ReferenceProfile.CurrentFormatVersion, read.FormatVersion);
        Assert.Equal(profile.Performance!.Accuracy, read.Performance!.Accuracy);
        Assert.Equal(profile.Performance.Mcc, read.Performance.Mcc);
        Assert.Equal(profile.Performance.Calibration.Scores, read.Performance.Calibration.Scores);
        Assert.Equal(profile.Performance.Calibration.Probabilities, read.Performance.Calibration.Probabilities);
        Assert.Equal(1 - 67 / 200.0, read.Performance.Accuracy, 12);
    }

    [Fact]
    public async Task A_version_1_profile_still_reads_and_its_reports_say_plainly_that_nothing_is_estimated()
    {
        var observations = Enumerable.Range(0, 300).Select(i => new PredictionObservation(i % 2, 0.6 + i % 40 / 100.0, 8, 0)).ToArray();
        var version2 = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(ReferenceProfile.From(["no", "yes"], observations, "old", [.. observations.Select(o => o.LabelIndex)]),
            MonitoringJson.Default.ReferenceProfile))!.AsObject();
        Assert.True(version2.Remove("performance"));
        version2["format_version"] = 1;
        var path = Path.Combine(Dir, ReferenceProfile.FileName);
        await File.WriteAllTextAsync(path, version2.ToJsonString());
        var read = await ReferenceProfile.ReadAsync(path, CancellationToken.None);
        Assert.Equal(1, read.FormatVersion);
        Assert.Null(read.Performance);
        var report = DriftAnalysis.Compare(read, observations, new DriftThresholds());
        Assert.Equal(DriftState.NoDrift, report.State);
        Assert.Null(report.Estimate);
        Assert.Contains("no calibration", report.NoEstimate);
    }

    [Fact]
    public void A_large_reference_keeps_evenly_spaced_quantiles_of_its_values()
    {
        var observations = Enumerable.Range(0, 10_001).Select(i => new PredictionObservation(1, i / 10_000.0, 10, 0)).ToArray();
        var profile = ReferenceProfile.From(["no", "yes"], observations, "big");
        Assert.Equal(ReferenceProfile.MaxSample, profile.Confidence.Count);
        Assert.Equal(0, profile.Confidence[0]);
        Assert.Equal(1, profile.Confidence[^1]);
        Assert.Equal(0.5, profile.Confidence[profile.Confidence.Count / 2], 2);
    }

    [Fact]
    public async Task A_broken_profile_is_one_line_naming_the_file()
    {
        var path = Path.Combine(Dir, ReferenceProfile.FileName);
        await File.WriteAllTextAsync(path, "{\"labels\": 3}");
        var error = await Assert.ThrowsAsync<Core.MlopsException>(() => ReferenceProfile.ReadAsync(path, CancellationToken.None));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Bins_split_at_the_reference_deciles_and_keep_a_repeated_value_whole()
    {
        var bins = Bins.FromQuantiles([.. Enumerable.Range(0, 100).Select(i => (double)i)], 10);
        Assert.Equal(9, bins.Cuts.Count);
        Assert.All(bins.Counts, c => Assert.InRange(c, 9, 11));
        Assert.Equal([0, 1, 1], new Bins([5.0, 7.0], [0, 0, 0]).CountOf([5.0, 7.0]));
        var discrete = Bins.FromQuantiles([1, 1, 1, 1, 1, 1, 1, 1, 2, 3], 10);
        Assert.Equal([2.0], discrete.Cuts);
        Assert.Equal([8.0, 2], discrete.Counts);
    }
}
