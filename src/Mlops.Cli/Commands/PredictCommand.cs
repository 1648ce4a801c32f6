using System.ComponentModel;
using Mlops.Cli.Configuration;
using Mlops.Config.Overrides;
using Mlops.Core;
using Mlops.Tracking;
using Mlops.Inference;
using Mlops.Inference.Files;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops predict</c>: the label of each sentence with the probability of every label, for sentences given as
/// arguments (a table) or a whole file (<c>--input</c>, streamed to <c>--output</c>).
/// </summary>
public sealed class PredictCommand : AsyncCommand<PredictCommand.Settings>
{
    /// <summary>Options of <c>mlops predict</c>: sentences are the arguments, so config overrides go through <c>-o</c>.</summary>
    public sealed class Settings : ConfigSettings
    {
        [CommandArgument(0, "[SENTENCES]"), Description("One or more sentences to classify (or --input FILE).")]
        public string[] Sentences { get; init; } = [];

        [CommandOption("--model <DIR>"), Description("A model folder, a run folder holding model/, or models:/NAME@ALIAS or models:/NAME/VERSION (default: serving.model_dir, the latest run).")]
        public string? Model { get; init; }

        [CommandOption("--engine <ENGINE>"), Description("onnx (ONNX Runtime on model.onnx), torch (TorchSharp on the trained weights) or auto (default: serving.engine).")]
        public InferenceEngine? Engine { get; init; }

        [CommandOption("--input <FILE>"), Description("Classify every sentence of a .txt (one a line), .csv/.tsv (with --column) or .jsonl file.")]
        public string? Input { get; init; }

        [CommandOption("--output <FILE>"), Description("Where --input's predictions go: .jsonl or .csv, written as they come, complete only at the end.")]
        public string? Output { get; init; }

        [CommandOption("--column <NAME>"), Description("The CSV/TSV column or JSON field holding the sentences."), DefaultValue("sentence")]
        public string Column { get; init; } = "sentence";

        [CommandOption("-o|--override <OVERRIDE>"), Description("A config override, e.g. -o serving.batch_size=8; repeatable.")]
        public string[] Overrides { get; init; } = [];

        public override ValidationResult Validate() => this switch
        {
            { Input: null, Sentences.Length: 0 } => ValidationResult.Error("Give sentences to classify, or --input FILE with --output FILE."),
            { Input: not null, Sentences.Length: > 0 } => ValidationResult.Error("Give sentences or --input FILE, not both."),
            { Input: not null, Output: null } => ValidationResult.Error("--input needs --output FILE (.jsonl or .csv)."),
            { Input: null, Output: not null } => ValidationResult.Error("--output writes the predictions of --input FILE; add --input."),
            _ => ValidationResult.Success(),
        };
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = settings.Load(OverrideParser.ParseAll(settings.Overrides));
        if (settings.PrintedConfig(config)) return ExitCodes.Success;
        var serving = config.Options.Serving;
        if (settings.Output is not null) PredictionFileWriter.CheckExtension(settings.Output);
        var directory = ModelDirectory.Locate(await ModelReference.ResolveAsync(settings.Model ?? serving.ModelDir, config.Options.Tracking.Uri, cancellationToken));
        using var classifier = await ClassifierLoader.LoadAsync(directory, settings.Engine ?? serving.Engine, serving, cancellationToken);
        if (settings.Input is not null) return await PredictFileAsync(classifier, settings.Input, settings.Output!, settings.Column, cancellationToken);

        var predictions = classifier.Predict(settings.Sentences, cancellationToken);
        var table = new Table().AddColumn("sentence").AddColumn("label");
        foreach (var label in classifier.LabelNames) table.AddColumn(new TableColumn($"p({Markup.Escape(label)})").RightAligned());
        foreach (var p in predictions)
            table.AddRow([Markup.Escape(p.Text), Markup.Escape(p.Label), .. p.Probabilities.Select(x => x.ToString("F4"))]);
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }

    private static async Task<int> PredictFileAsync(TextClassifier classifier, string input, string output, string column, CancellationToken cancellationToken)
    {
        var size = new FileInfo(input) is { Exists: true } file ? file.Length : 0;
        var summary = await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Classifying {Markup.Escape(input)}", maxValue: Math.Max(1, size));
                var result = await BatchPrediction.RunAsync(classifier, input, output, column, new Progress<long>(read => task.Value = read), cancellationToken);
                task.Value = task.MaxValue;
                return result;
            });
        AnsiConsole.MarkupLine($"Wrote {summary.Predicted:N0} predictions to [green]{Markup.Escape(output)}[/] ({string.Join(", ", summary.ByLabel.Select(p => $"{p.Value:N0} {Markup.Escape(p.Key)}"))}).");
        if (summary.Unreadable == 0) return ExitCodes.Success;
        AnsiConsole.MarkupLine($"[yellow]{summary.Unreadable:N0} row(s) of {Markup.Escape(input)} could not be read:[/]");
        foreach (var row in summary.FirstUnreadable) AnsiConsole.MarkupLine($"  line {row.Line}: {Markup.Escape(row.Error!)}");
        if (summary.Unreadable > summary.FirstUnreadable.Count) AnsiConsole.MarkupLine($"  ... and {summary.Unreadable - summary.FirstUnreadable.Count:N0} more.");
        return ExitCodes.DataError;
    }
}
