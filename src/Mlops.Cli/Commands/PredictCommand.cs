using System.ComponentModel;
using Mlops.Cli.Configuration;
using Mlops.Config;
using Mlops.Config.Composition;
using Mlops.Config.Hosting;
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
/// arguments (a table) or a whole file (<c>--input</c>, streamed to <c>--output</c>, or to stdout as JSON lines). A model
/// of sentence pairs takes each argument's second text with <c>--text-pair</c> (one per sentence, in order), and a file's from
/// its <c>--pair-column</c>.
/// </summary>
public sealed class PredictCommand : AsyncCommand<PredictCommand.Settings>
{
    /// <summary>Options of <c>mlops predict</c>: an argument that overrides a config key (<c>serving.batch_size=8</c>) is an override, the others are sentences.</summary>
    public sealed class Settings : ConfigSettings
    {
        [CommandArgument(0, "[SENTENCES]"), Description("Sentences to classify (or --input FILE), and config overrides, e.g. serving.batch_size=8.")]
        public string[] Sentences { get; init; } = [];

        [CommandOption("--model <DIR>"), Description("A model folder, a run folder holding model/, or models:/NAME@ALIAS or models:/NAME/VERSION (default: serving.model_dir, the latest run).")]
        public string? Model { get; init; }

        [CommandOption("--engine <ENGINE>"), Description("onnx (ONNX Runtime on model.onnx), torch (TorchSharp on the trained weights) or auto (default: serving.engine).")]
        public InferenceEngine? Engine { get; init; }

        [CommandOption("--input <FILE>"), Description("Classify every row of a .txt (one sentence a line), .csv/.tsv or .jsonl file (the columns the model was trained on, or --column).")]
        public string? Input { get; init; }

        [CommandOption("--output <FILE>"), Description("Where --input's predictions go: .jsonl or .csv, written as they come, complete only at the end (default: stdout, JSON lines).")]
        public string? Output { get; init; }

        [CommandOption("--column <NAME>"), Description("The CSV/TSV column or JSON field holding the text; repeat it to join several, as data.text did (default: the columns the model was trained on, else sentence).")]
        public string[] Columns { get; init; } = [];

        [CommandOption("--text-pair <TEXT>"), Description("For a model of sentence pairs: a sentence's second text, once per sentence, in order (mlops predict \"A man sleeps.\" --text-pair \"Someone is asleep.\").")]
        public string[] TextPairs { get; init; } = [];

        [CommandOption("--pair-column <NAME>"), Description("For a model of sentence pairs: the CSV/TSV column or JSON field of --input holding the second texts (default: the model's data.pair, else " + BatchPrediction.DefaultPairColumn + ").")]
        public string? PairColumn { get; init; }

        /// <summary>How overrides were given before an argument that overrides a key was read as one; kept for scripts, out of the help.</summary>
        [CommandOption("-o|--override <OVERRIDE>", IsHidden = true)]
        public string[] Overrides { get; init; } = [];

        public override ValidationResult Validate() =>
            Input is null && Output is not null && !PrintConfig ? ValidationResult.Error("--output writes the predictions of --input FILE; add --input.")
            : Input is null && Columns.Length > 0 && !PrintConfig ? ValidationResult.Error("--column names a column of --input FILE; add --input.")
            : Input is null && PairColumn is not null && !PrintConfig ? ValidationResult.Error("--pair-column names a column of --input FILE; add --input, or give sentences with --text-pair.")
            : Input is not null && TextPairs.Length > 0 ? ValidationResult.Error("--text-pair gives a sentence argument its second text; with --input, name the file's column of second texts with --pair-column.")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (overrides, sentences) = Split(settings.Sentences, ConfigLoader.Compose(settings.Source, OverrideParser.ParseAll(settings.Overrides)));
        var config = settings.Load(OverrideParser.ParseAll([.. settings.Overrides, .. overrides]));
        if (settings.PrintedConfig(config)) return ExitCodes.Success;
        if ((settings.Input is null) == (sentences.Count == 0))
            throw new MlopsException(sentences.Count == 0 ? "Give sentences to classify, or --input FILE." : "Give sentences or --input FILE, not both.",
                "Run `mlops predict --help` for the options.", ExitCodes.UserError);
        var serving = config.Options.Serving;
        if (settings.Output is not null) PredictionFileWriter.CheckExtension(settings.Output);
        var directory = ModelDirectory.Locate(await ModelReference.ResolveAsync(settings.Model ?? serving.ModelDir, config.Options.Tracking.Uri, cancellationToken));
        using var classifier = await ClassifierLoader.LoadAsync(directory, settings.Engine ?? serving.Engine, serving, cancellationToken);
        if (settings.Input is not null)
        {
            var columns = FileColumns(settings, (await ModelCard.ReadAsync(directory.CardPath, cancellationToken)).Input, classifier.TakesPairs);
            return settings.Output is null
                ? await PredictToStdoutAsync(classifier, settings.Input, columns, cancellationToken)
                : await PredictFileAsync(classifier, settings.Input, settings.Output, columns, cancellationToken);
        }

        CheckPairs(classifier.TakesPairs, sentences.Count, settings.TextPairs.Length);
        var predictions = classifier.Predict([.. sentences.Select((s, i) => new TextInput(s, settings.TextPairs.ElementAtOrDefault(i)))], cancellationToken);
        PredictionTable.Write(AnsiConsole.Console, classifier.LabelNames, classifier.TakesPairs, predictions);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The columns <c>--input</c> is read from: those named (<c>--column</c>, <c>--pair-column</c>), else those the model
    /// was trained on (its card), else <c>sentence</c>; named text columns are joined with the training's separator.
    /// </summary>
    private static InputColumns FileColumns(Settings settings, InputColumns? trained, bool takesPairs)
    {
        var columns = trained ?? InputColumns.Default;
        if (settings.Columns.Length > 0) columns = columns with { Text = settings.Columns };
        return columns with { Pair = settings.PairColumn ?? (takesPairs ? columns.Pair : null) };
    }

    /// <summary>A model of sentence pairs needs one <c>--text-pair</c> per sentence; a model of single texts takes none.</summary>
    private static void CheckPairs(bool takesPairs, int sentences, int pairs)
    {
        if (takesPairs && pairs != sentences)
            throw new MlopsException($"The model classifies sentence pairs: give each of the {sentences} sentence(s) its second text with --text-pair ({pairs} given).",
                "e.g. mlops predict \"A man sleeps.\" --text-pair \"Someone is asleep.\"", ExitCodes.UserError);
        if (!takesPairs && pairs > 0)
            throw new MlopsException("The model classifies single texts; --text-pair is for a model of sentence pairs.",
                "Leave out --text-pair, or use a model trained on sentence pairs (data.pair).", ExitCodes.UserError);
    }

    /// <summary>
    /// Each argument that parses as an override of a section the config has (<c>serving.batch_size=8</c>, <c>model=tiny</c>,
    /// and a mistyped <c>serving.batch_siz=8</c>, which composing then refuses with a did-you-mean) is an override; the rest are sentences.
    /// </summary>
    private static (List<string> Overrides, List<string> Sentences) Split(IEnumerable<string> arguments, ComposedConfig config)
    {
        var split = arguments.ToLookup(argument =>
        {
            try
            {
                var section = OverrideParser.Parse(argument).Key.Split('.', '/')[0];
                return config.Root[section] is not null || config.Choices.ContainsKey(section);
            }
            catch (ConfigException)
            {
                return false;
            }
        });
        return ([.. split[true]], [.. split[false]]);
    }

    /// <summary>JSON lines on stdout and nothing else there, so a pipe gets only predictions; unreadable rows are reported on stderr.</summary>
    private static async Task<int> PredictToStdoutAsync(TextClassifier classifier, string input, InputColumns columns, CancellationToken cancellationToken)
    {
        var summary = await BatchPrediction.RunAsync(classifier, input, AnsiConsole.Console.Profile.Out.Writer, columns, cancellationToken: cancellationToken);
        return ReportUnreadable(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }), input, summary);
    }

    private static async Task<int> PredictFileAsync(TextClassifier classifier, string input, string output, InputColumns columns,
        CancellationToken cancellationToken)
    {
        var size = new FileInfo(input) is { Exists: true } file ? file.Length : 0;
        var summary = await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"Classifying {Markup.Escape(input)}", maxValue: Math.Max(1, size));
                var result = await BatchPrediction.RunAsync(classifier, input, output, columns, new Progress<long>(read => task.Value = read), cancellationToken);
                task.Value = task.MaxValue;
                return result;
            });
        AnsiConsole.MarkupLine($"Wrote {summary.Predicted:N0} predictions to [green]{Markup.Escape(output)}[/] ({string.Join(", ", summary.ByLabel.Select(p => $"{p.Value:N0} {Markup.Escape(p.Key)}"))}).");
        return ReportUnreadable(AnsiConsole.Console, input, summary);
    }

    /// <summary>Lists the first rows that could not be read; exit 3 when there were any.</summary>
    private static int ReportUnreadable(IAnsiConsole console, string input, BatchPredictionSummary summary)
    {
        if (summary.Unreadable == 0) return ExitCodes.Success;
        console.MarkupLine($"[yellow]{summary.Unreadable:N0} row(s) of {Markup.Escape(input)} could not be read:[/]");
        foreach (var row in summary.FirstUnreadable) console.MarkupLine($"  line {row.Line}: {Markup.Escape(row.Error!)}");
        if (summary.Unreadable > summary.FirstUnreadable.Count) console.MarkupLine($"  ... and {summary.Unreadable - summary.FirstUnreadable.Count:N0} more.");
        return ExitCodes.DataError;
    }
}
