using System.ComponentModel;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Core;
using Mlops.Data.Synthetic;
using Mlops.Export;
using Mlops.Inference.Onnx;
using Mlops.Model;
using Mlops.Model.Bert;
using Mlops.Workflows;
using Mlops.Training;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench inference-prepare</c> (used by <c>bench inference</c>): a model folder of one shape with seeded random
/// weights, the uncased BERT vocabulary and a [CLS]-pooled head like the anchor's, exported to ONNX through the real
/// export (parity gate included), with a reference profile for the drift monitor. Speed does not depend on what the weights learned. With <c>--int8</c> it writes the
/// quantised graph without the label-agreement gate: random weights give near-tied logits, which int8 rounding flips,
/// while a trained model's margins are what that gate is for (docs/benchmarks.md measures it on CoLA).
/// </summary>
public sealed class BenchInferencePrepareCommand : AsyncCommand<BenchInferencePrepareCommand.Settings>
{
    /// <summary>Options of <c>mlops bench inference-prepare</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--shape <SHAPE>"), DefaultValue("tiny")] public string Shape { get; init; } = "tiny";
        [CommandOption("--out <DIR>")] public string Out { get; init; } = "";
        [CommandOption("--int8"), Description("Replace model.onnx with its int8 quantisation.")] public bool Int8 { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var vocab = EmbeddedMiniLm.ReadVocab();
        var config = new ModelSpec { Shape = settings.Shape }.ShapeConfig(vocab.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        TorchSharp.torch.manual_seed(0);
        using (var model = new BertForSequenceClassification(config, 2, Pooling.Cls))
        {
            var card = new ModelCard { Labels = ["unacceptable", "acceptable"], MaxLength = 128, Pooling = "cls", Dataset = "none (random weights)" };
            await ClassifierStore.SaveAsync(new ModelDirectory(settings.Out), model, vocab, card, cancellationToken);
        }
        var validation = (await new SyntheticAcceptabilitySource().LoadAsync(cancellationToken)).Validation;
        // A reference profile, so a server of this model runs its drift monitor as a trained model's would.
        await ReferenceProfiling.WriteAsync(new ModelDirectory(settings.Out), validation, "synthetic validation", 64, cancellationToken);
        var sentences = validation.Select(s => s.Input).Take(128).ToList();
        var result = await new ModelExporter(NullLogger<ModelExporter>.Instance)
            .ExportAsync(new ExportRequest(new ModelDirectory(settings.Out), null, sentences, new OnnxOptions()), cancellationToken);
        if (!result.Written) throw new MlopsException($"The {settings.Shape} export failed its parity gate (max |logit diff| {result.Parity.MaxLogitDifference:E2}).");
        if (settings.Int8)
        {
            var path = new ModelDirectory(settings.Out).OnnxPath;
            var quantized = Int8Quantizer.Quantize(Onnx.ModelProto.Parser.ParseFrom(await File.ReadAllBytesAsync(path, cancellationToken)));
            await AtomicFile.WriteAsync(path, stream => { quantized.WriteTo(stream); return Task.CompletedTask; }, cancellationToken);
        }
        Console.WriteLine($"{{\"onnx_bytes\": {result.Bytes}, \"parity_max_logit_diff\": {result.Parity.MaxLogitDifference}}}");
        return ExitCodes.Success;
    }
}
