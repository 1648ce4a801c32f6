using System.ComponentModel;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Mlops.Bench.Benchmarks;
using Mlops.Core;
using Mlops.Inference;
using Mlops.Inference.Onnx;
using Mlops.Model;
using Mlops.Export;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary><c>mlops bench inference-run</c> (used by <c>bench inference</c>): one engine's latency and throughput as a JSON line.</summary>
public sealed class BenchInferenceRunCommand : AsyncCommand<BenchInferenceRunCommand.Settings>
{
    /// <summary>Options of <c>mlops bench inference-run</c>, named as bench/torch_inference.py's.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--engine <ENGINE>"), DefaultValue("onnx"), Description("onnx or torch.")] public string Engine { get; init; } = "onnx";
        [CommandOption("--model <DIR>")] public string Model { get; init; } = "";
        [CommandOption("--seq <N>"), DefaultValue(32)] public int Seq { get; init; } = 32;
        [CommandOption("--batch <N>"), DefaultValue(32)] public int Batch { get; init; } = 32;
        [CommandOption("--calls <N>"), DefaultValue(1000)] public int Calls { get; init; } = 1000;
        [CommandOption("--threads <N>"), DefaultValue(2)] public int Threads { get; init; } = 2;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var directory = new ModelDirectory(settings.Model);
        using var engine = settings.Engine == "torch" ? await TorchEngineAsync(directory, settings.Threads, cancellationToken) : OnnxEngine(directory, settings);
        var timing = InferenceBenchmark.Run(engine, settings.Seq, settings.Batch, settings.Calls, cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["engine"] = settings.Engine == "torch"
                ? $"mlops TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}"
                : $"mlops ONNX Runtime {OrtEnv.Instance().GetVersionString()}",
            ["seq"] = settings.Seq,
            ["threads"] = settings.Threads,
            ["calls"] = timing.Calls,
            ["p50_ms"] = Math.Round(timing.P50Ms, 3),
            ["p99_ms"] = Math.Round(timing.P99Ms, 3),
            ["mean_ms"] = Math.Round(timing.MeanMs, 3),
            ["batch"] = timing.Batch,
            ["sentences_per_s"] = Math.Round(timing.SentencesPerSecond, 1),
        }));
        return ExitCodes.Success;
    }

    private static OnnxClassifierEngine OnnxEngine(ModelDirectory directory, Settings settings)
    {
        using var options = OnnxClassifier.SessionOptions(new OnnxOptions { Threads = settings.Threads });
        return new OnnxClassifierEngine(new InferenceSession(directory.OnnxPath, options), 2);
    }

    private static async Task<IClassifierEngine> TorchEngineAsync(ModelDirectory directory, int threads, CancellationToken cancellationToken)
    {
        TorchSharp.torch.set_num_threads(threads);
        var (model, _) = await ClassifierStore.LoadAsync(directory, cancellationToken);
        return new TorchClassifierEngine(model);
    }
}
