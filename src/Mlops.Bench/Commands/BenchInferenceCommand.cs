using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Core;
using Mlops.Core.Processes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench inference</c>: single-sentence latency (p50, p99) and batch throughput of ONNX Runtime, TorchSharp
/// and the PyTorch-eager anchor, side by side in one run, each engine in its own process with its peak RSS; then the
/// cold path, process start to the printed prediction of <c>mlops predict</c> on an export.
/// </summary>
public sealed class BenchInferenceCommand : AsyncCommand<BenchInferenceCommand.Settings>
{
    /// <summary>Options of <c>mlops bench inference</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--anchor <PATH>"), Description("torch_bert.py (default: shared/anchors/torch_bert.py beside the checkout).")]
        public string? Anchor { get; init; }

        [CommandOption("--python <PATH>"), Description("Python with Debian's torch (apt install python3-torch libopenblas0-pthread)."), DefaultValue("/usr/bin/python3")]
        public string Python { get; init; } = "/usr/bin/python3";

        [CommandOption("--shapes <LIST>"), Description("Comma-separated model shapes."), DefaultValue("tiny,minilm")]
        public string Shapes { get; init; } = "tiny,minilm";

        [CommandOption("--calls <N>"), Description("Single-sentence calls timed per engine."), DefaultValue(1000)] public int Calls { get; init; } = 1000;
        [CommandOption("--seq <N>"), DefaultValue(32)] public int Seq { get; init; } = 32;
        [CommandOption("--threads <N>"), DefaultValue(2)] public int Threads { get; init; } = 2;
        [CommandOption("--cold-runs <N>"), Description("mlops predict processes timed for the cold path."), DefaultValue(5)] public int ColdRuns { get; init; } = 5;
    }

    private const int Batch = 32;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var anchor = AnchorLocator.Require(settings.Anchor, "anchors/torch_bert.py", "--anchor");
        var script = AnchorLocator.FindUp(Path.Combine("bench", "torch_inference.py"))
            ?? throw new MlopsException("Cannot find bench/torch_inference.py above the working directory.", "Run mlops bench inference from the repository.");
        var (self, prefix) = ChildProcess.Self();
        var work = Directory.CreateTempSubdirectory("mlops-bench-inference-");
        var results = new JsonArray();
        var table = new Table().Title($"Inference, {settings.Seq} tokens, {settings.Threads} threads: batch 1 over {settings.Calls} calls, batch {Batch} throughput")
            .AddColumns("shape", "engine", "b1 p50 ms", "b1 p99 ms", $"b{Batch} sentences/s", "peak RSS MB", "p50 vs anchor", $"b{Batch} vs TorchSharp");
        var cold = new Table().Title($"Cold path: process start to the printed prediction of `mlops predict` on the export (median of {settings.ColdRuns})")
            .AddColumns("shape", "wall s", "peak RSS MB");
        try
        {
            foreach (var shape in settings.Shapes.Split(','))
            {
                var model = Path.Combine(work.FullName, shape);
                var quantized = Path.Combine(work.FullName, shape + "-int8");
                await Measurement.RunAsync(self, [.. prefix, "bench", "inference-prepare", "--shape", shape, "--out", model], cancellationToken);
                await Measurement.RunAsync(self, [.. prefix, "bench", "inference-prepare", "--shape", shape, "--out", quantized, "--int8"], cancellationToken);
                string[] common = ["--seq", settings.Seq.ToString(), "--batch", Batch.ToString(), "--calls", settings.Calls.ToString(), "--threads", settings.Threads.ToString()];
                var onnx = await Measurement.RunAsync(self, [.. prefix, "bench", "inference-run", "--engine", "onnx", "--model", model, .. common], cancellationToken);
                var int8 = await Measurement.RunAsync(self, [.. prefix, "bench", "inference-run", "--engine", "onnx", "--model", quantized, .. common], cancellationToken);
                int8.Json["engine"] = $"{int8.Json["engine"]} int8";
                var torch = await Measurement.RunAsync(self, [.. prefix, "bench", "inference-run", "--engine", "torch", "--model", model, .. common], cancellationToken);
                var theirs = await Measurement.RunAsync(settings.Python, [script, anchor, "--shape", shape, .. common], cancellationToken);
                double Value(Measurement m, string key) => m.Json[key]!.GetValue<double>();
                foreach (var m in new[] { onnx, int8, torch, theirs })
                    table.AddRow(shape, Markup.Escape((string)m.Json["engine"]!), $"{Value(m, "p50_ms"):F3}", $"{Value(m, "p99_ms"):F3}", $"{Value(m, "sentences_per_s"):F0}",
                        $"{m.PeakRssMb:F0}", $"{Value(theirs, "p50_ms") / Value(m, "p50_ms"):F2}x", $"{Value(m, "sentences_per_s") / Value(torch, "sentences_per_s"):F2}x");

                var predictions = new List<Measurement>();
                for (var i = 0; i < settings.ColdRuns; i++)
                    predictions.Add(await Measurement.RunPlainAsync(self, [.. prefix, "predict", "--model", model, "The cat sat on the mat."], cancellationToken));
                var median = predictions.OrderBy(p => p.WallSeconds).ElementAt(predictions.Count / 2);
                cold.AddRow(shape, $"{median.WallSeconds:F3}", $"{median.PeakRssMb:F0}");
                results.Add(new JsonObject
                {
                    ["benchmark"] = "inference",
                    ["shape"] = shape,
                    ["onnx"] = onnx.ToJson(),
                    ["onnx_int8"] = int8.ToJson(),
                    ["torchsharp"] = torch.ToJson(),
                    ["anchor"] = theirs.ToJson(),
                    ["cold_predict_wall_s"] = median.WallSeconds,
                    ["cold_predict_peak_rss_mb"] = median.PeakRssMb,
                });
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
        AnsiConsole.Write(table);
        AnsiConsole.Write(cold);
        await settings.WriteJsonAsync(results, cancellationToken);
        return ExitCodes.Success;
    }
}
