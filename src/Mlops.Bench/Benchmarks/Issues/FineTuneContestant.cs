using System.Diagnostics;
using System.Globalization;
using Mlops.Core;
using Mlops.Core.Processes;
using Mlops.Data;
using Mlops.Data.Tables;
using Mlops.Export;

namespace Mlops.Bench.Benchmarks.Issues;

/// <summary>
/// Our side of <c>mlops bench issues</c>: <c>mlops train</c> fine-tunes a model on the seed's train file through the
/// product's own table source (<c>data=table</c>, Title and Description joined), as its own process so its wall time and
/// peak RSS are measured like the anchor's; the test file is the run's validation split, scored once after the model was
/// selected on a stratified slice held out of training (<c>data.selection_split</c>), so the test rows choose nothing.
/// The trained model then predicts the test rows here, read by the same table source.
/// </summary>
public sealed class FineTuneContestant(IReadOnlyList<string> recipe) : IIssueContestant
{
    /// <summary>
    /// The recipe the benchmark reports: MiniLM in float32 (bf16 is emulated on CPUs without AVX512_BF16), balanced class
    /// weights, 128 tokens (title first), 6 epochs at 1e-4, the model selected on a tenth held out of the training rows.
    /// </summary>
    public static readonly IReadOnlyList<string> DefaultRecipe =
        ["model=minilm", "model.balance_classes=true", "data.max_length=128", "data.selection_split=0.1", "training.max_epochs=6", "training.lr=1e-4"];

    public string Id => "finetune";

    public string Title => $"mlops fine-tune ({string.Join(' ', recipe.Where(r => r.StartsWith("model=", StringComparison.Ordinal)).Select(r => r[6..]).DefaultIfEmpty("tiny"))})";

    public async Task<ContestantRun> RunAsync(ContestFiles files, int seed, CancellationToken cancellationToken)
    {
        var runFolder = Path.Combine(files.Folder, "finetune");
        var (self, prefix) = ChildProcess.Self();
        var train = await Measurement.RunPlainAsync(self, [.. prefix, "train", .. Data(files), .. recipe,
            $"training.seed={seed.ToString(CultureInfo.InvariantCulture)}", "tracking=none", $"mlops.run.dir={runFolder}"], cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var splits = await new DataOptions
        {
            Name = "table",
            Path = files.Train,
            ValidationPath = files.Test,
            Text = ["Title", "Description"],
            Label = "Area",
        }.Resolve().LoadAsync(cancellationToken);
        using var classifier = await TorchClassifierEngine.LoadAsync(new ModelDirectory(Path.Combine(runFolder, "model")), 32, cancellationToken: cancellationToken);
        var predictions = classifier.Predict([.. splits.ValidationParts[TableDatasetSource.ValidationPartName].Select(s => s.Input)], cancellationToken);
        var predictSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new ContestantRun([.. predictions.Select(p => p.Label)], train.WallSeconds, predictSeconds, train.WallSeconds, train.PeakRssMb);
    }

    /// <summary>The <c>data</c> keys that read the seed's files as the product reads any table.</summary>
    private static IEnumerable<string> Data(ContestFiles files) =>
        ["data=table", $"data.path={files.Train}", $"data.validation_path={files.Test}", "data.text=[Title,Description]", "data.label=Area"];
}
