using System.Reflection;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Mlops.Core;
using Mlops.Data.Tokenization;
using Mlops.Inference.Onnx;
using Mlops.Model;
using Mlops.Model.Bert;
using Onnx;

namespace Mlops.Export;

/// <summary>
/// <c>mlops export</c>: turns a trained model folder into <c>model.onnx</c>, loads it in ONNX Runtime with the
/// transformer fusions on, holds it to TorchSharp on real sentences, and writes it only when it passes. The
/// folder is replaced as one unit, so a failed or interrupted export leaves the previous one.
/// </summary>
public sealed class ModelExporter(ILogger<ModelExporter> logger)
{
    public async Task<ExportResult> ExportAsync(ExportRequest request, CancellationToken cancellationToken = default)
    {
        var source = request.Source.EnsureComplete();
        var card = await ModelCard.ReadAsync(source.CardPath, cancellationToken);
        CheckSentencesFit(card, request, source);
        var tokenizer = WordPieceTokenizer.FromVocabFile(source.VocabPath, card.LowerCase);
        var (model, _) = await ClassifierStore.LoadAsync(source, MatmulPrecision.Float32, cancellationToken);
        using var reference = new TorchClassifierEngine(model);
        var metadata = new OnnxModelMetadata
        {
            Labels = card.Labels,
            MaxLength = card.MaxLength,
            LowerCase = card.LowerCase,
            Pooling = card.Pooling,
            VocabHash = await ContentHash.OfFileAsync(source.VocabPath, cancellationToken),
            VocabSize = tokenizer.VocabSize,
            ModelId = card.ModelId,
            DataFingerprint = card.DataFingerprint,
            Dataset = card.Dataset,
            Provenance = card.Provenance,
        };
        var graph = BertOnnxGraph.Build(model, metadata, ProducerVersion, request.Attention, card.TextPair);
        var float32 = graph.ToByteArray();
        logger.LogInformation("Built the ONNX graph of {Model}: {Bytes:N0} bytes, opset {Opset}", source.Path, float32.Length, BertOnnxGraph.Opset);

        using var trained = card.MatmulPrecision == "bfloat16" ? await TorchClassifierEngine.LoadModelAsync(source, cancellationToken) : null;
        ParityReport parity = null!;
        ParityReport? bfloat16 = null, int8 = null;
        var operators = LoadAndCheck(float32, request.Onnx, card.Labels.Count, candidate =>
        {
            parity = ParityGate.Check(reference, candidate, tokenizer, card.MaxLength, request.Sentences, cancellationToken: cancellationToken);
            if (trained is not null)
                bfloat16 = ParityGate.Check(trained, candidate, tokenizer, card.MaxLength, request.Sentences, double.PositiveInfinity, 0, cancellationToken);
        });
        var onnx = float32;
        Int8Recipe? recipe = null;
        if (request.Int8 && parity.Passed)
        {
            var ranges = Int8Calibration.Measure(graph, tokenizer, card.MaxLength, request.Calibration ?? request.Sentences, request.Onnx);
            foreach (var candidate in Int8Recipe.Ladder(model.Config.NumHiddenLayers))
            {
                recipe = candidate;
                onnx = Int8Quantizer.Quantize(graph, ranges, candidate).ToByteArray();
                operators = LoadAndCheck(onnx, request.Onnx, card.Labels.Count, engine => int8 = ParityGate.Check(reference, engine, tokenizer, card.MaxLength,
                    request.Sentences, double.PositiveInfinity, ParityGate.Int8Agreement, cancellationToken));
                logger.LogInformation("int8 with {Recipe}: {Agreement:P2} of labels agree", candidate.Describe(), int8!.Agreement);
                if (int8.Passed) break;
            }
        }

        var output = new ModelDirectory(request.OutputDir ?? source.Path);
        var result = new ExportResult(output, onnx.Length, parity, bfloat16, operators, int8, request.Int8 ? float32.Length : null, recipe);
        if (!result.Written) return result;
        if (request.OutputDir is null)
            await source.ReplaceFilesAsync([ModelDirectory.OnnxFile], staging => File.WriteAllBytesAsync(staging.OnnxPath, onnx, cancellationToken), cancellationToken);
        else
            await WriteServingFolderAsync(source, output, onnx, cancellationToken);
        logger.LogInformation("Wrote {Path} (parity: max |logit diff| {Difference:E2}, max |embedding diff| {EmbeddingDifference:E2}, {Agreeing}/{Sentences} labels agree)",
            output.OnnxPath, parity.MaxLogitDifference, parity.MaxEmbeddingDifference, parity.LabelsAgreeing, parity.Sentences);
        return result;
    }

    /// <summary>The parity gate judges a model of pairs on sentence pairs and a single-text model on single texts; anything else is one line.</summary>
    private static void CheckSentencesFit(ModelCard card, ExportRequest request, ModelDirectory source)
    {
        var kind = card.TextPair ? "sentence pairs" : "single texts";
        foreach (var (name, sentences) in new[] { ("parity", request.Sentences), ("calibration", request.Calibration ?? []) })
            if (sentences.FirstOrDefault(s => (s.Pair is not null) != card.TextPair) is { Text: not null } misfit)
                throw new MlopsException(
                    $"'{source.CardPath}' describes a model of {kind}, but the export's {name} data has {(misfit.Pair is null ? "a single text" : "a sentence pair")} ('{misfit.Text}').",
                    $"Export with the data group the model was trained on (its {kind}), e.g. data=<name> data.dir=<folder>.", ExitCodes.UserError);
    }

    /// <summary>
    /// Loads a graph in ONNX Runtime with the session's optimisations, runs <paramref name="check"/> on it, and returns the
    /// operators of the optimised graph ONNX Runtime actually runs.
    /// </summary>
    private static IReadOnlyDictionary<string, int> LoadAndCheck(byte[] onnx, OnnxOptions options, int labels, Action<OnnxClassifierEngine> check)
    {
        var optimizedPath = Path.Combine(Path.GetTempPath(), $"mlops-export-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var sessionOptions = OnnxClassifier.SessionOptions(options))
            {
                sessionOptions.OptimizedModelFilePath = optimizedPath;
                using var candidate = new OnnxClassifierEngine(new InferenceSession(onnx, sessionOptions), labels);
                check(candidate);
            }
            return CountOperators(optimizedPath);
        }
        finally
        {
            File.Delete(optimizedPath);
        }
    }

    /// <summary>A new folder with what inference needs and nothing of training: the graph, vocabulary, card, config and reference profile.</summary>
    private static async Task WriteServingFolderAsync(ModelDirectory source, ModelDirectory output, byte[] onnx, CancellationToken cancellationToken)
    {
        if (Directory.Exists(output.Path) && Directory.EnumerateFileSystemEntries(output.Path).Any() && !File.Exists(output.CardPath))
            throw new MlopsException($"Export folder '{output.Path}' exists and is not a model folder.",
                "Choose a new or empty folder for --out; mlops replaces only folders it wrote.", ExitCodes.UserError);
        await AtomicDirectory.WriteAsync(output.Path, async staging =>
        {
            var files = new ModelDirectory(staging);
            File.Copy(source.ConfigPath, files.ConfigPath);
            File.Copy(source.VocabPath, files.VocabPath);
            File.Copy(source.CardPath, files.CardPath);
            if (File.Exists(source.ProfilePath)) File.Copy(source.ProfilePath, files.ProfilePath);
            await File.WriteAllBytesAsync(files.OnnxPath, onnx, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Operators of the graph ONNX Runtime optimised, by domain-qualified type: where its fusions show.</summary>
    private static IReadOnlyDictionary<string, int> CountOperators(string optimizedPath) =>
        ModelProto.Parser.ParseFrom(File.ReadAllBytes(optimizedPath)).Graph.Node
            .GroupBy(n => string.IsNullOrEmpty(n.Domain) ? n.OpType : $"{n.Domain}.{n.OpType}")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.Count());

    private static string ProducerVersion =>
        typeof(ModelExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
}
