using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Mlops.Cli.Configuration;
using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using Mlops.Data;
using Mlops.Core;
using Mlops.Tracking;
using Mlops.Export;
using Mlops.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops export</c>: writes <c>model.onnx</c> for a trained model and proves it on validation sentences of the data
/// it was trained on (or the <c>data</c> the command line names); a failed parity gate writes nothing and exits 4.
/// </summary>
public sealed class ExportCommand : AsyncCommand<ExportCommand.Settings>
{
    /// <summary>Options of <c>mlops export</c>: the parity sentences come from the <c>data</c> config section.</summary>
    public sealed class Settings : ConfigSettings
    {
        [CommandArgument(0, "[OVERRIDES]"), Description("Config overrides, e.g. data=cola data.dir=../shared/data/cola (the parity gate's sentences).")]
        public string[] Overrides { get; init; } = [];

        [CommandOption("--model <DIR>"), Description("A model folder, a run folder holding model/, or models:/NAME@ALIAS or models:/NAME/VERSION (default: serving.model_dir, the latest run).")]
        public string? Model { get; init; }

        [CommandOption("--out <DIR>"), Description("Write a new folder with model.onnx, vocab.txt, config.json and mlops.json only (default: add model.onnx to the model folder).")]
        public string? Out { get; init; }

        [CommandOption("--portable"), Description("Write attention in standard ONNX operators for runtimes other than ONNX Runtime (slower on ONNX Runtime, which fuses it only in its own operator).")]
        public bool Portable { get; init; }

        [CommandOption("--quantize <TYPE>"), Description("int8: quantise the weights dynamically (smaller, faster), keeping attention or layers float32 if needed; refused unless 99 % of labels agree.")]
        public string? Quantize { get; init; }

        [CommandOption("-v|--verbose")] public bool Verbose { get; init; }

        public override ValidationResult Validate() => Quantize is null or "int8"
            ? ValidationResult.Success()
            : ValidationResult.Error($"--quantize '{Quantize}' is not supported; the one choice is int8.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = settings.Load(OverrideParser.ParseAll(settings.Overrides));
        if (settings.PrintedConfig(config)) return ExitCodes.Success;
        var options = config.Options;
        var directory = ModelDirectory.Locate(await ModelReference.ResolveAsync(settings.Model ?? options.Serving.ModelDir, options.Tracking.Uri, cancellationToken));
        var data = await TrainedOnAsync(settings, directory, cancellationToken) ?? options.Data;
        using var downloads = new DownloadProgressBar(AnsiConsole.Console);
        var splits = await data.Resolve(downloads).LoadAsync(cancellationToken);
        var sentences = splits.Validation.Select(s => s.Input).ToList();
        // int8 calibrates on training sentences, so the gate judges it on sentences it has not seen.
        var calibration = Int8Calibration.Sample(splits.Train.Select(s => s.Input).ToList());
        using var logging = CliLogging.Create(settings.Verbose);
        var exporter = new ModelExporter(logging.CreateLogger<ModelExporter>());
        var result = await exporter.ExportAsync(new ExportRequest(directory, settings.Out, sentences, options.Serving.Onnx,
            settings.Portable ? AttentionLayout.Standard : AttentionLayout.Fused, settings.Quantize == "int8", calibration), cancellationToken);
        ExportReportTable.Write(AnsiConsole.Console, $"ONNX Runtime against TorchSharp on {sentences.Count} {splits.Name} validation sentences", result);
        if (result.Int8 is { Passed: false } int8)
            throw new MlopsException(
                $"The int8 graph keeps {int8.Agreement:P2} of the labels even with {result.Int8Recipe?.Describe()} (at least {int8.MinimumAgreement:P0} required); {ModelDirectory.OnnxFile} was not written.",
                "Export without --quantize; this model loses too much to int8 weights.", ExitCodes.ModelError);
        if (!result.Written)
            throw new MlopsException(
                $"Parity gate failed: max |logit diff| {NumberText.Format(result.Parity.MaxLogitDifference, 3)}, max |embedding diff| {NumberText.Format(result.Parity.MaxEmbeddingDifference, 3)} (limit {NumberText.Format(result.Parity.Tolerance, 1)}), {result.Parity.Sentences - result.Parity.LabelsAgreeing} label(s) differ; {ModelDirectory.OnnxFile} was not written.",
                "This is a bug in the exporter for this model; report it with the model's config.json.", ExitCodes.ModelError);
        AnsiConsole.MarkupLine($"Wrote [green]{Markup.Escape(result.Output.OnnxPath)}[/] ({result.Bytes / 1048576.0:F1} MiB).");
        return ExitCodes.Success;
    }

    /// <summary>
    /// The <c>data</c> section of the run that trained the model (its card's <c>run_dir</c>), when the command line
    /// names no data of its own: the gate then judges a CoLA model on CoLA, not on the default synthetic set.
    /// </summary>
    private static async Task<DataOptions?> TrainedOnAsync(Settings settings, ModelDirectory directory, CancellationToken cancellationToken)
    {
        if (settings.ConfigFrom is not null || settings.Overrides.Any(o => o.TrimStart('+', '~').StartsWith("data", StringComparison.Ordinal))) return null;
        var run = (await ModelCard.ReadAsync(directory.CardPath, cancellationToken)).Provenance.RunDir;
        if (run is null || !File.Exists(Path.Combine(run, RunFolder.ConfigFile))) return null;
        return ConfigLoader.Resolve<MlopsConfig>(ConfigLoader.Compose(new ConfigSource(settings.ConfigDir, ConfigFrom: run), []), DateTimeOffset.Now).Options.Data;
    }
}
