using System.ComponentModel;
using Google.Protobuf;
using Mlops.Core;
using Mlops.Core.Processes;
using Mlops.Data;
using Mlops.Data.Tokenization;
using Mlops.Export;
using Mlops.Inference.Onnx;
using Mlops.Workflows;
using Mlops.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench int8</c>: what int8 costs and buys on a trained model: the float32 export (through <c>mlops export</c>,
/// parity gate included) and every int8 recipe of the export's ladder (calibrated on 512 training sentences as the
/// export does), written without the agreement gate, then size, single-sentence
/// latency, batch throughput (each engine in its own process, with peak RSS), validation MCC and label agreement.
/// </summary>
public sealed class BenchInt8Command : AsyncCommand<BenchInt8Command.Settings>
{
    /// <summary>Options of <c>mlops bench int8</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--model <DIR>"), Description("A trained model folder (e.g. the CoLA recipe's run/model).")]
        public string Model { get; init; } = "";

        [CommandOption("--data-dir <DIR>"), Description("CoLA folder whose validation split is scored (default: shared/data/cola).")]
        public string? DataDir { get; init; }

        [CommandOption("--calls <N>"), DefaultValue(1000)] public int Calls { get; init; } = 1000;
        [CommandOption("--threads <N>"), DefaultValue(2)] public int Threads { get; init; } = 2;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var data = AnchorLocator.Require(settings.DataDir, "data/cola", "--data-dir");
        var (self, prefix) = ChildProcess.Self();
        var work = Directory.CreateTempSubdirectory("mlops-bench-int8-");
        try
        {
            var float32 = new ModelDirectory(Path.Combine(work.FullName, "float32"));
            await Measurement.RunPlainAsync(self, [.. prefix, "export", "--model", settings.Model, "--out", float32.Path, "data=cola", $"data.dir={data}"], cancellationToken);
            var splits = await new DataOptions { Name = "cola", Dir = data }.Resolve().LoadAsync(cancellationToken);
            var card = await ModelCard.ReadAsync(float32.CardPath, cancellationToken);
            var graph = Onnx.ModelProto.Parser.ParseFrom(await File.ReadAllBytesAsync(float32.OnnxPath, cancellationToken));
            var options = new OnnxOptions { Threads = settings.Threads };
            var ranges = Int8Calibration.Measure(graph, WordPieceTokenizer.FromVocabFile(float32.VocabPath, card.LowerCase), card.MaxLength,
                Int8Calibration.Sample(splits.Train.Select(s => s.Input).ToList()), options);
            var layers = (await Mlops.Model.Bert.BertConfig.ReadAsync(float32.ConfigPath, cancellationToken)).NumHiddenLayers;
            var variants = new List<(string Name, ModelDirectory Directory)> { ("float32", float32) };
            foreach (var recipe in Int8Recipe.Ladder(layers))
            {
                var directory = float32.CopyFilesTo(Path.Combine(work.FullName, $"int8-{variants.Count}"), [ModelDirectory.OnnxFile]);
                await File.WriteAllBytesAsync(directory.OnnxPath, Int8Quantizer.Quantize(graph, ranges, recipe).ToByteArray(), cancellationToken);
                variants.Add(($"int8, {recipe.Describe()}", directory));
            }

            var sentences = splits.Validation.Select(s => s.Text).ToList();
            var table = new Table().Title($"float32 and int8 exports of {Markup.Escape(settings.Model)} on {sentences.Count} CoLA validation sentences, {settings.Threads} threads")
                .AddColumns("graph", "size MiB", "MCC (all)", "accuracy", "labels as float32", "b1 p50 ms", "b1 p99 ms", "b32 sentences/s", "peak RSS MB");
            IReadOnlyList<Prediction>? reference = null;
            foreach (var (name, directory) in variants)
            {
                var (classifier, _) = await OnnxClassifier.LoadAsync(directory, options, 64, cancellationToken);
                IReadOnlyList<Prediction> predictions;
                IReadOnlyDictionary<string, Mlops.Metrics.ClassificationMetrics> metrics;
                using (classifier)
                {
                    predictions = classifier.Predict(sentences, cancellationToken);
                    metrics = EvaluationWorkflow.Execute(classifier, splits, cancellationToken).Metrics;
                }
                reference ??= predictions;
                var agreeing = predictions.Zip(reference).Count(p => p.First.LabelIndex == p.Second.LabelIndex);
                var speed = await Measurement.RunAsync(self, [.. prefix, "bench", "inference-run", "--engine", "onnx", "--model", directory.Path,
                    "--calls", settings.Calls.ToString(), "--threads", settings.Threads.ToString()], cancellationToken);
                var all = metrics[EvaluationWorkflow.Union];
                table.AddRow(Markup.Escape(name), $"{new FileInfo(directory.OnnxPath).Length / 1048576.0:F1}", $"{all.Mcc:F4}", $"{all.Accuracy:F4}", $"{agreeing}/{sentences.Count}",
                    $"{speed.Json["p50_ms"]}", $"{speed.Json["p99_ms"]}", $"{speed.Json["sentences_per_s"]}", $"{speed.PeakRssMb:F0}");
            }
            AnsiConsole.Write(table);
        }
        finally
        {
            work.Delete(recursive: true);
        }
        return ExitCodes.Success;
    }
}
