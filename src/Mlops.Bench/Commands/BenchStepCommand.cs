using System.ComponentModel;
using System.Text.Json;
using Mlops.Core;
using Mlops.Bench.Benchmarks;
using Mlops.Workflows;
using Mlops.Training;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary><c>mlops bench train-step</c> (used by <c>bench train</c>): one shape's step timings as a JSON line, like the anchor prints.</summary>
public sealed class BenchStepCommand : Command<BenchStepCommand.Settings>
{
    /// <summary>Options of <c>mlops bench train-step</c>, named as the anchor's.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--shape <SHAPE>"), DefaultValue("tiny")] public string Shape { get; init; } = "tiny";
        [CommandOption("--batch <N>"), DefaultValue(32)] public int Batch { get; init; } = 32;
        [CommandOption("--seq <N>"), DefaultValue(32)] public int Seq { get; init; } = 32;
        [CommandOption("--steps <N>"), DefaultValue(20)] public int Steps { get; init; } = 20;
        [CommandOption("--threads <N>"), DefaultValue(2)] public int Threads { get; init; } = 2;
        [CommandOption("--bf16")] public bool Bf16 { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        TorchSharp.torch.set_num_threads(settings.Threads);
        var precision = settings.Bf16 ? Mlops.Model.Bert.MatmulPrecision.BFloat16 : Mlops.Model.Bert.MatmulPrecision.Float32;
        var shape = new ModelSpec { Shape = settings.Shape, Precision = precision }.ShapeConfig(30522);
        var timing = TrainStepBenchmark.Run(shape, settings.Batch, settings.Seq, settings.Steps, cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["engine"] = $"mlops TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}{(settings.Bf16 ? " bf16 matmuls" : "")}",
            ["shape"] = settings.Shape,
            ["batch"] = settings.Batch,
            ["seq"] = settings.Seq,
            ["threads"] = settings.Threads,
            ["train_ms_per_step"] = Math.Round(timing.TrainMsPerStep, 2),
            ["train_sentences_per_s"] = Math.Round(timing.TrainSentencesPerSecond, 1),
            [$"infer_ms_batch{settings.Batch}"] = Math.Round(timing.InferMsBatch, 2),
            ["infer_ms_batch1"] = Math.Round(timing.InferMsOne, 3),
        }));
        return ExitCodes.Success;
    }
}
