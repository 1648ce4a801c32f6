using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Mlops.Bench.Benchmarks.Tables;
using Mlops.Core;
using Mlops.Data;
using Mlops.Data.Tokenization;
using Mlops.Training;
using Mlops.Workflows;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench table-run</c> (used by <c>bench table</c>): one phase on a generated table, in a process of its own so
/// its peak RSS is the phase's: <c>load</c> reads it through the table source; <c>tokenize</c> also tokenizes every row
/// with the tiny model's vocabulary as training does (<see cref="TrainingBatches.Make"/>). Prints one JSON line.
/// </summary>
public sealed class BenchTableRunCommand : AsyncCommand<BenchTableRunCommand.Settings>
{
    /// <summary>Options of <c>mlops bench table-run</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--phase <PHASE>"), Description("load, or tokenize (load, then tokenize every row).")] public string Phase { get; init; } = "";
        [CommandOption("--path <FILE>"), Description("A table written by GeneratedTable.")] public string Path { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Phase is not ("load" or "tokenize"))
            throw new MlopsException($"--phase '{settings.Phase}' is not load or tokenize.", null, ExitCodes.UserError);
        var options = new GeneratedTable(settings.Path, 0, 0, null, null).Options;
        var clock = Stopwatch.StartNew();
        var splits = await options.Resolve().LoadAsync(cancellationToken);
        await Task.Yield(); // as TrainingWorkflow does: out of the loader's frames, which hold the rows
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var rows = RowCount(splits);
        var batchCount = 0;
        if (settings.Phase == "tokenize")
        {
            var tokenizer = WordPieceTokenizer.FromText(await new ModelSpec().ReadVocabAsync(cancellationToken), "embedded BERT vocabulary");
            // As TrainingWorkflow does: the fingerprint for the model card, then the training rows tokenized (their texts
            // let go as they are), the validation rows tokenized and kept as texts.
            _ = splits.Fingerprint();
            var batches = TrainingBatches.Make(ref splits, tokenizer, options, seed: 42);
            batchCount = batches.Train.BatchCount + batches.Selection.BatchCount;
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            phase = settings.Phase,
            rows,
            labels = splits.LabelNames.Count,
            batches = batchCount,
            load_s = Math.Round(loadSeconds, 3),
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
        }));
        return ExitCodes.Success;
    }

    /// <summary>Not counted in the async method, whose frame could keep a reference to the training rows alive (see TrainingWorkflow).</summary>
    private static int RowCount(DatasetSplits splits) => splits.Train.Count + splits.Validation.Count;
}
