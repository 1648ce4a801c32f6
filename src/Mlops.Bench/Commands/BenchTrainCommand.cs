using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Core;
using Mlops.Core.Processes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench train</c>: training throughput of our TorchSharp stack and of the PyTorch-eager anchor
/// (<c>shared/anchors/torch_bert.py</c>), side by side in one run, each measurement in its own process with
/// its peak RSS; then a whole CoLA epoch against the course's recipe (batch 64, every sentence padded to 128).
/// </summary>
public sealed class BenchTrainCommand : AsyncCommand<BenchTrainCommand.Settings>
{
    /// <summary>Options of <c>mlops bench train</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--anchor <PATH>"), Description("torch_bert.py (default: shared/anchors/torch_bert.py beside the checkout).")]
        public string? Anchor { get; init; }

        [CommandOption("--python <PATH>"), Description("Python with Debian's torch (apt install python3-torch libopenblas0-pthread)."), DefaultValue("/usr/bin/python3")]
        public string Python { get; init; } = "/usr/bin/python3";

        [CommandOption("--data-dir <DIR>"), Description("CoLA folder for the epoch benchmark (default: shared/data/cola).")]
        public string? DataDir { get; init; }

        [CommandOption("--shapes <LIST>"), Description("Comma-separated shapes for the step benchmark."), DefaultValue("tiny,minilm")]
        public string Shapes { get; init; } = "tiny,minilm";

        [CommandOption("--steps <N>"), DefaultValue(20)] public int Steps { get; init; } = 20;
        [CommandOption("--threads <N>"), DefaultValue(2)] public int Threads { get; init; } = 2;
        [CommandOption("--skip-epoch"), Description("Only the step benchmark.")] public bool SkipEpoch { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var anchor = AnchorLocator.Require(settings.Anchor, "anchors/torch_bert.py", "--anchor");
        var (self, prefix) = ChildProcess.Self();
        var results = new JsonArray();
        var table = new Table().Title("Training throughput, batch 32 x seq 32, same machine, same threads")
            .AddColumns("shape", "engine", "ms/step", "sentences/s", "infer ms (b32)", "infer ms (b1)", "peak RSS MB", "speed-up");
        foreach (var shape in settings.Shapes.Split(','))
        {
            string[] common = ["--shape", shape, "--batch", "32", "--seq", "32", "--steps", settings.Steps.ToString(), "--threads", settings.Threads.ToString()];
            var ours = await Measurement.RunAsync(self, [.. prefix, "bench", "train-step", .. common], cancellationToken);
            var mixed = await Measurement.RunAsync(self, [.. prefix, "bench", "train-step", .. common, "--bf16"], cancellationToken);
            var theirs = await Measurement.RunAsync(settings.Python, [anchor, .. common], cancellationToken);
            double Speedup(Measurement m) => m.Json["train_sentences_per_s"]!.GetValue<double>() / theirs.Json["train_sentences_per_s"]!.GetValue<double>();
            foreach (var (name, m) in new[] { ("mlops fp32", ours), ("mlops bf16 matmuls", mixed), ((string)theirs.Json["engine"]!, theirs) })
                table.AddRow(shape, Markup.Escape(name), F(m.Json["train_ms_per_step"]), F(m.Json["train_sentences_per_s"]), F(m.Json["infer_ms_batch32"]),
                    F(m.Json["infer_ms_batch1"]), $"{m.PeakRssMb:F0}", $"{Speedup(m):F2}x");
            results.Add(new JsonObject
            {
                ["benchmark"] = "train-step",
                ["shape"] = shape,
                ["mlops"] = ours.ToJson(),
                ["mlops_bf16"] = mixed.ToJson(),
                ["anchor"] = theirs.ToJson(),
                ["speedup"] = Speedup(ours),
                ["speedup_bf16"] = Speedup(mixed),
            });
        }
        AnsiConsole.Write(table);

        if (!settings.SkipEpoch)
        {
            var data = AnchorLocator.Require(settings.DataDir, "data/cola", "--data-dir");
            var ours = await Measurement.RunAsync(self, [.. prefix, "bench", "epoch", "--data-dir", data, "--batch", "64", "--max-length", "128", "--threads", settings.Threads.ToString()], cancellationToken);
            var theirs = await Measurement.RunAsync(settings.Python, [anchor, "--shape", "tiny", "--batch", "64", "--seq", "128", "--steps", settings.Steps.ToString(), "--threads", settings.Threads.ToString()], cancellationToken);
            var sentences = ours.Json["sentences"]!.GetValue<int>();
            var anchorEpoch = theirs.Json["train_ms_per_step"]!.GetValue<double>() * Math.Ceiling(sentences / 64.0) / 1000;
            var ourEpoch = ours.Json["total_seconds"]!.GetValue<double>();
            var epochTable = new Table().Title($"One CoLA training epoch ({sentences} sentences), BERT-tiny shape, batch 64")
                .AddColumns("engine", "batching", "tokens/sentence (real / computed)", "epoch s", "peak RSS MB", "speed-up");
            epochTable.AddRow("mlops (TorchSharp)", "length-bucketed, padded per batch",
                $"{F(ours.Json["real_tokens_per_sentence"])} / {F(ours.Json["padded_tokens_per_sentence"])}", $"{ourEpoch:F1}", $"{ours.PeakRssMb:F0}", $"{anchorEpoch / ourEpoch:F1}x");
            epochTable.AddRow(Markup.Escape((string)theirs.Json["engine"]!), "course recipe: every sentence padded to 128",
                $"{F(ours.Json["real_tokens_per_sentence"])} / 128", $"{anchorEpoch:F1} (= {F(theirs.Json["train_ms_per_step"])} ms x {Math.Ceiling(sentences / 64.0)} steps)",
                $"{theirs.PeakRssMb:F0}", "1.0x");
            AnsiConsole.Write(epochTable);
            results.Add(new JsonObject { ["benchmark"] = "cola-epoch", ["mlops"] = ours.ToJson(), ["anchor"] = theirs.ToJson(), ["anchor_epoch_seconds"] = anchorEpoch, ["speedup"] = anchorEpoch / ourEpoch });
        }
        await settings.WriteJsonAsync(results, cancellationToken);
        return ExitCodes.Success;
    }

    private static string F(JsonNode? value) => value is null ? "-" : value.GetValue<double>().ToString("F1");
}
