using System.ComponentModel;
using Mlops.Core;
using Mlops.Training.Inference;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops predict</c>: the label of each sentence with the probability of every label.</summary>
public sealed class PredictCommand : AsyncCommand<PredictCommand.Settings>
{
    /// <summary>Options of <c>mlops predict</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<SENTENCES>"), Description("One or more sentences to classify.")]
        public string[] Sentences { get; init; } = [];

        [CommandOption("--model <DIR>"), Description("A model folder (or a run folder holding model/)."), DefaultValue("models/default")]
        public string Model { get; init; } = "models/default";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var classifier = await TorchTextClassifier.LoadAsync(ModelLocator.Find(settings.Model), cancellationToken: cancellationToken);
        var predictions = classifier.Predict(settings.Sentences, cancellationToken);
        var table = new Table().AddColumn("sentence").AddColumn("label");
        foreach (var label in classifier.LabelNames) table.AddColumn(new TableColumn($"p({Markup.Escape(label)})").RightAligned());
        foreach (var p in predictions)
            table.AddRow([Markup.Escape(p.Text), Markup.Escape(p.Label), .. p.Probabilities.Select(x => x.ToString("F4"))]);
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }
}
