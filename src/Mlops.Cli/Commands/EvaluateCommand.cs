using System.ComponentModel;
using Mlops.Core;
using Mlops.Training.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops evaluate</c>: metrics of a saved model on each validation part of a dataset, and their union.</summary>
public sealed class EvaluateCommand : AsyncCommand<EvaluateCommand.Settings>
{
    /// <summary>Options of <c>mlops evaluate</c>.</summary>
    public sealed class Settings : DatasetSettings
    {
        [CommandOption("-c|--checkpoint <DIR>"), Description("A model folder (or a run folder holding model/)."), DefaultValue("models/default")]
        public string Checkpoint { get; init; } = "models/default";

        [CommandOption("-b|--batch-size <N>"), DefaultValue(64)]
        public int BatchSize { get; init; } = 64;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var directory = ModelLocator.Find(settings.Checkpoint);
        using var downloads = new DownloadProgressBar(AnsiConsole.Console);
        var results = await EvaluationRun.ExecuteAsync(directory, settings.ResolveDataset(downloads), settings.BatchSize, cancellationToken);
        var table = new Table().Title(Markup.Escape($"{directory.Path} on {settings.Dataset}"))
            .AddColumns("part", "sentences", "accuracy", "MCC", "F1 macro", "precision macro", "recall macro");
        foreach (var (part, m) in results)
            table.AddRow(part, m.Count.ToString(), $"{m.Accuracy:F4}", $"{m.Mcc:F4}", $"{m.F1Macro:F4}", $"{m.PrecisionMacro:F4}", $"{m.RecallMacro:F4}");
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }
}
