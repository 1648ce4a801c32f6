using Mlops.Tracking.Artifacts;

namespace Mlops.Tracking.Tests;

/// <summary>The report files a run keeps: what is written is what is read back, and a field a run does not have is left out.</summary>
public sealed class RunArtifactsTests : TempDirectoryTest
{
    [Fact]
    public async Task Misclassified_examples_keep_their_pair_and_a_single_text_writes_none()
    {
        MisclassifiedSentence[] mistakes =
        [
            new("A man is eating.", "entailment", "contradiction", 0.91, "validation", "Someone eats."),
            new("HttpClient hangs", "area-System.Net", "area-System.IO", 0.55, "validation"),
        ];

        await RunArtifacts.WriteMisclassifiedAsync(Dir, mistakes, CancellationToken.None);

        Assert.Equal(mistakes, await RunArtifacts.ReadMisclassifiedAsync(Dir, CancellationToken.None));
        var lines = await File.ReadAllLinesAsync(Path.Combine(Dir, RunArtifacts.MisclassifiedJsonl));
        Assert.Contains("\"pair\":\"Someone eats.\"", lines[0]);
        Assert.DoesNotContain("pair", lines[1]);
    }

    [Fact]
    public async Task The_confusion_report_keeps_its_per_class_scores()
    {
        var report = new ConfusionReport(["a", "b", "c"], [[3, 1, 0], [0, 2, 0], [1, 0, 4]],
            [new("a", 4, 0.75, 0.75, 0.75), new("b", 2, 2.0 / 3, 1, 0.8), new("c", 5, 1, 0.8, 8.0 / 9)]);

        await RunArtifacts.WriteConfusionAsync(Dir, report, CancellationToken.None);
        var read = (await RunArtifacts.ReadConfusionAsync(Dir, CancellationToken.None))!;

        Assert.Equal(report.Labels, read.Labels);
        Assert.Equal(report.Matrix.SelectMany(r => r), read.Matrix.SelectMany(r => r));
        Assert.Equal(report.Classes, read.Classes);
    }
}
