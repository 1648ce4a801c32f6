using System.ComponentModel;
using Microsoft.Extensions.Logging;
using Mlops.Cli.Configuration;
using Mlops.Config.Overrides;
using Mlops.Core;
using Mlops.Tracking;
using Mlops.Inference;
using Mlops.Workflows;
using Mlops.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops evaluate</c>: metrics of a saved model on each validation part of the configured dataset, and their union.</summary>
public sealed class EvaluateCommand : AsyncCommand<EvaluateCommand.Settings>
{
    /// <summary>Options of <c>mlops evaluate</c>: the dataset comes from the <c>data</c> config section.</summary>
    public sealed class Settings : ConfigSettings
    {
        [CommandArgument(0, "[OVERRIDES]"), Description("Config overrides, e.g. data=cola data.dir=../shared/data/cola.")]
        public string[] Overrides { get; init; } = [];

        [CommandOption("--model <DIR>"), Description("A model folder, a run folder holding model/, or models:/NAME@ALIAS or models:/NAME/VERSION (default: serving.model_dir, the latest run).")]
        public string? Model { get; init; }

        [CommandOption("--report <DIR>"), Description("Also write the report files into DIR: confusion_matrix.json (with per-class scores) and its PNGs, and misclassified.jsonl.")]
        public string? Report { get; init; }

        /// <summary>The name --model had before every command spelt it alike; kept for scripts, out of the help.</summary>
        [CommandOption("-c|--checkpoint <DIR>", IsHidden = true)]
        public string? Checkpoint { get; init; }

        [CommandOption("--engine <ENGINE>"), Description("onnx (ONNX Runtime on model.onnx), torch (TorchSharp on the trained weights) or auto (default: serving.engine).")]
        public InferenceEngine? Engine { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            Model is not null && Checkpoint is not null
                ? Spectre.Console.ValidationResult.Error("--checkpoint is the old name of --model; give --model alone.")
                : Spectre.Console.ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = settings.Load(OverrideParser.ParseAll(settings.Overrides));
        if (settings.PrintedConfig(config)) return ExitCodes.Success;
        var options = config.Options;
        var directory = ModelDirectory.Locate(await ModelReference.ResolveAsync(settings.Model ?? settings.Checkpoint ?? options.Serving.ModelDir, options.Tracking.Uri, cancellationToken));
        using var classifier = await ClassifierLoader.LoadAsync(directory, settings.Engine ?? options.Serving.Engine, options.Serving, cancellationToken);
        using var downloads = new DownloadProgressBar(AnsiConsole.Console);
        var splits = await options.Data.Resolve(downloads).LoadAsync(cancellationToken);
        var results = EvaluationWorkflow.Execute(classifier, splits, cancellationToken);
        EvaluationTable.Write(AnsiConsole.Console, $"{directory.Path} on {options.Data.Name}", results);
        if (settings.Report is { } report)
        {
            Directory.CreateDirectory(report);
            using var logging = CliLogging.Create(verbose: false);
            await RunReportFiles.WriteAsync(report, results, new Dictionary<string, IReadOnlyList<(long, double)>>(), logging.CreateLogger("mlops.evaluate"),
                cancellationToken);
            AnsiConsole.MarkupLine($"Report files: {Markup.Escape(report)}");
        }
        return ExitCodes.Success;
    }
}
