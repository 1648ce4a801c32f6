using System.ComponentModel;
using System.Text.Json;
using Mlops.Core;
using Mlops.Data.Cola;
using Mlops.Model.Bert;
using Mlops.Bench.Benchmarks;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary><c>mlops bench epoch</c> (used by <c>bench train</c>): one CoLA training epoch of the BERT-tiny shape, as a JSON line.</summary>
public sealed class BenchEpochCommand : AsyncCommand<BenchEpochCommand.Settings>
{
    /// <summary>Options of <c>mlops bench epoch</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data-dir <DIR>")] public string DataDir { get; init; } = "";
        [CommandOption("--batch <N>"), DefaultValue(64)] public int Batch { get; init; } = 64;
        [CommandOption("--max-length <N>"), DefaultValue(128)] public int MaxLength { get; init; } = 128;
        [CommandOption("--no-bucketing")] public bool NoBucketing { get; init; }
        [CommandOption("--threads <N>"), DefaultValue(2)] public int Threads { get; init; } = 2;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        TorchSharp.torch.set_num_threads(settings.Threads);
        var timing = await EpochBenchmark.RunAsync(new ColaFolderSource(settings.DataDir), BertConfig.Tiny, settings.Batch, settings.MaxLength,
            !settings.NoBucketing, cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(timing, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
        return ExitCodes.Success;
    }
}
