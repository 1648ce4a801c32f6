using System.ComponentModel;
using System.Text.Json;
using Mlops.Cli.Configuration;
using Mlops.Config.Overrides;
using Mlops.Core;
using Mlops.Data;
using Mlops.Data.Checks;
using Mlops.Data.Tokenization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops data check [overrides]</c>: the configured dataset, composed exactly as <c>mlops train</c> would load it, looked
/// at before training (<see cref="DatasetCheck"/>): printed as tables, or with <c>--json</c> as one JSON object on stdout.
/// Leakage and empty classes are warnings; with <c>--strict</c> they fail the command (exit 3), for CI.
/// </summary>
public sealed class DataCheckCommand : AsyncCommand<DataCheckCommand.Settings>
{
    /// <summary>Options of <c>mlops data check</c>; the dataset, its folder, <c>data.max_length</c> and the model (its vocabulary) are config overrides.</summary>
    public sealed class Settings : ConfigSettings
    {
        [CommandArgument(0, "[OVERRIDES]"), Description("Config overrides, as for `mlops train`: data=cola data.dir=DIR data.max_length=64 model=minilm.")]
        public string[] Overrides { get; init; } = [];

        [CommandOption("--json"), Description("Write the report as one JSON object to stdout instead of tables.")]
        public bool Json { get; init; }

        [CommandOption("--strict"), Description("Exit 3 when validation examples are also training examples or a class has no training example (otherwise warnings).")]
        public bool Strict { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = settings.Load(OverrideParser.ParseAll(settings.Overrides));
        if (settings.PrintedConfig(config)) return ExitCodes.Success;
        var options = config.Options;
        DatasetSplits splits;
        // JSON owns stdout: no download lines there.
        using (var downloads = settings.Json ? null : new DownloadProgressBar(AnsiConsole.Console))
            splits = await options.Data.Resolve(downloads).LoadAsync(cancellationToken);
        var tokenizer = WordPieceTokenizer.FromText(await options.Model.ReadVocabAsync(cancellationToken), options.Model.VocabularyOrigin);
        var report = DatasetCheck.Run(splits, tokenizer, options.Data.MaxLength, cancellationToken);
        if (settings.Json)
            await AnsiConsole.Console.Profile.Out.Writer.WriteLineAsync(JsonSerializer.Serialize(report, ReadableJson.TypeInfo(DatasetReportJson.Default.DatasetReport)));
        else
            DatasetReportTables.Write(AnsiConsole.Console, report, options.Model.VocabularyOrigin);
        if (settings.Strict && report.Problems.Count > 0)
            throw new DataException($"Data check failed: {string.Join("; ", report.Problems)}.",
                "Take the leaked examples out of one split and give every declared label training examples, or drop --strict to only warn.");
        return ExitCodes.Success;
    }
}
