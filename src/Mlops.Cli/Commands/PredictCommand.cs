using System.ComponentModel;
using Mlops.Cli.Configuration;
using Mlops.Config.Overrides;
using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops predict</c>: the label of each sentence with the probability of every label.</summary>
public sealed class PredictCommand : AsyncCommand<PredictCommand.Settings>
{
    /// <summary>Options of <c>mlops predict</c>: sentences are the arguments, so config overrides go through <c>-o</c>.</summary>
    public sealed class Settings : ConfigSettings
    {
        [CommandArgument(0, "<SENTENCES>"), Description("One or more sentences to classify.")]
        public string[] Sentences { get; init; } = [];

        [CommandOption("--model <DIR>"), Description("A model folder or a run folder holding model/ (default: serving.model_dir, the latest run).")]
        public string? Model { get; init; }

        [CommandOption("--engine <ENGINE>"), Description("onnx (ONNX Runtime on model.onnx), torch (TorchSharp on the trained weights) or auto (default: serving.engine).")]
        public InferenceEngine? Engine { get; init; }

        [CommandOption("-o|--override <OVERRIDE>"), Description("A config override, e.g. -o serving.batch_size=8; repeatable.")]
        public string[] Overrides { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = settings.Load(OverrideParser.ParseAll(settings.Overrides));
        if (settings.PrintedConfig(config)) return ExitCodes.Success;
        var serving = config.Options.Serving;
        var directory = ModelLocator.Find(settings.Model ?? serving.ModelDir);
        using var classifier = await ClassifierLoader.LoadAsync(directory, settings.Engine ?? serving.Engine, serving, cancellationToken);
        var predictions = classifier.Predict(settings.Sentences, cancellationToken);
        var table = new Table().AddColumn("sentence").AddColumn("label");
        foreach (var label in classifier.LabelNames) table.AddColumn(new TableColumn($"p({Markup.Escape(label)})").RightAligned());
        foreach (var p in predictions)
            table.AddRow([Markup.Escape(p.Text), Markup.Escape(p.Label), .. p.Probabilities.Select(x => x.ToString("F4"))]);
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }
}
