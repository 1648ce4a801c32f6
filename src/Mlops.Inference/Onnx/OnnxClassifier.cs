using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mlops.Core;
using Mlops.Data.Tokenization;

namespace Mlops.Inference.Onnx;

/// <summary>
/// Loads the exported <c>model.onnx</c> of a model folder as a <see cref="TextClassifier"/> on ONNX Runtime, after
/// checking everything that could make it predict silently wrong: the file is ONNX at opset 17 or later, its
/// inputs and outputs are the classifier's, its metadata is complete, <c>vocab.txt</c> is the vocabulary it was
/// exported with, and <c>mlops.json</c> (when present) describes the same model. Each failure is one line naming the file.
/// </summary>
public static class OnnxClassifier
{
    public static async Task<(TextClassifier Classifier, OnnxModelMetadata Metadata)> LoadAsync(ModelDirectory directory, OnnxOptions options,
        int batchSize, CancellationToken cancellationToken = default)
    {
        var path = directory.OnnxPath;
        if (!File.Exists(path)) throw NoExport(directory);
        CheckOpset(path);
        var session = CreateSession(path, options);
        try
        {
            CheckSignature(session, path);
            var metadata = OnnxModelMetadata.FromProperties(session.ModelMetadata.CustomMetadataMap, path);
            CheckLabelCount(session, metadata, path);
            var tokenizer = await LoadVocabularyAsync(directory, metadata, cancellationToken);
            if (File.Exists(directory.CardPath))
                CheckCard(await ModelCard.ReadAsync(directory.CardPath, cancellationToken), metadata, OnnxContract.TakesPairs(session), directory);
            var engine = new OnnxClassifierEngine(session, metadata.Labels.Count);
            return (new TextClassifier(engine, tokenizer, new ClassifierSpec(metadata.Labels, metadata.MaxLength, metadata.ModelId, engine.TakesPairs), batchSize),
                metadata);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The error for a model folder without <c>model.onnx</c>; <paramref name="orElse"/> adds what else the caller can run (", or ...").</summary>
    public static MlopsException NoExport(ModelDirectory directory, string orElse = "") =>
        new($"Model folder '{directory.Path}' has no {ModelDirectory.OnnxFile}.", $"Export it with `mlops export --model {directory.Path}`{orElse}.", ExitCodes.ModelError);

    /// <summary>The ONNX Runtime session options of <paramref name="options"/>.</summary>
    public static SessionOptions SessionOptions(OnnxOptions options) => new()
    {
        IntraOpNumThreads = options.Threads,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        // Warnings go to the native stderr, past our logging (e.g. on saving an optimised graph); errors surface as exceptions.
        LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        GraphOptimizationLevel = options.Optimization switch
        {
            GraphOptimization.None => GraphOptimizationLevel.ORT_DISABLE_ALL,
            GraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
            GraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
        },
    };

    private static void CheckOpset(string path)
    {
        long opset;
        try
        {
            opset = OnnxOpset.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new MlopsException($"'{path}' is not an ONNX model ({e.Message}).",
                "Export it again with `mlops export`; the file may be truncated or something else.", ExitCodes.ModelError);
        }
        if (opset < OnnxContract.MinimumOpset)
            throw new MlopsException($"'{path}' uses opset {opset}; mlops runs opset {OnnxContract.MinimumOpset} or later.",
                "Export it again with `mlops export`.", ExitCodes.ModelError);
    }

    private static InferenceSession CreateSession(string path, OnnxOptions options)
    {
        // ONNX Runtime 1.31 ships usage telemetry on Linux too; a model server does not phone home (the image also sets
        // ORT_DISABLE_TELEMETRY=1, which ONNX Runtime reads before this line can run).
        OrtEnv.Instance().DisableTelemetryEvents();
        using var sessionOptions = SessionOptions(options);
        try
        {
            return new InferenceSession(path, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new MlopsException($"ONNX Runtime cannot load '{path}': {e.Message.ReplaceLineEndings(" ")}",
                "Export it again with `mlops export`.", ExitCodes.ModelError, e);
        }
    }

    private static void CheckSignature(InferenceSession session, string path)
    {
        static string Describe(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
            string.Join(", ", nodes.Select(n => $"{n.Key} {n.Value.ElementDataType.ToString().ToLowerInvariant()}[{string.Join(",", n.Value.Dimensions)}]"));
        bool Matches(IReadOnlyDictionary<string, NodeMetadata> nodes, string[] names, TensorElementType type) =>
            nodes.Count == names.Length && names.All(n => nodes.TryGetValue(n, out var node) && node.ElementDataType == type && node.Dimensions.Length == 2);
        if (!Matches(session.InputMetadata, [OnnxContract.InputIds, OnnxContract.AttentionMask], TensorElementType.Int64)
            && !Matches(session.InputMetadata, [OnnxContract.InputIds, OnnxContract.AttentionMask, OnnxContract.TokenTypeIds], TensorElementType.Int64))
            throw new MlopsException($"'{path}' takes inputs ({Describe(session.InputMetadata)}); expected {OnnxContract.InputIds} and {OnnxContract.AttentionMask} (and {OnnxContract.TokenTypeIds} for sentence pairs), int64 [batch, sequence].",
                "This is not a classifier exported by `mlops export`; export one with it.", ExitCodes.ModelError);
        if (!Matches(session.OutputMetadata, [OnnxContract.Logits], TensorElementType.Float)
            && !Matches(session.OutputMetadata, [OnnxContract.Logits, OnnxContract.SentenceEmbedding], TensorElementType.Float))
            throw new MlopsException($"'{path}' returns ({Describe(session.OutputMetadata)}); expected {OnnxContract.Logits}, float [batch, labels] (and {OnnxContract.SentenceEmbedding}, float [batch, hidden]).",
                "This is not a classifier exported by `mlops export`; export one with it.", ExitCodes.ModelError);
    }

    /// <summary>A graph that declares how many logits it emits (exports since N-label support do) must emit one per label its metadata names.</summary>
    private static void CheckLabelCount(InferenceSession session, OnnxModelMetadata metadata, string path)
    {
        var width = session.OutputMetadata[OnnxContract.Logits].Dimensions[1];
        if (width > 0 && width != metadata.Labels.Count)
            throw new MlopsException($"'{path}' emits {width} logits but names {metadata.Labels.Count} labels ({string.Join(", ", metadata.Labels)}).",
                "Export it again with `mlops export`.", ExitCodes.ModelError);
    }

    private static async Task<WordPieceTokenizer> LoadVocabularyAsync(ModelDirectory directory, OnnxModelMetadata metadata, CancellationToken cancellationToken)
    {
        if (!File.Exists(directory.VocabPath))
            throw new MlopsException($"Model folder '{directory.Path}' has {ModelDirectory.OnnxFile} but no {ModelDirectory.VocabFile}.",
                $"Copy the {ModelDirectory.VocabFile} the model was trained with next to it (its sha256 is {metadata.VocabHash}).", ExitCodes.ModelError);
        var hash = await ContentHash.OfFileAsync(directory.VocabPath, cancellationToken);
        if (hash != metadata.VocabHash)
            throw new MlopsException($"'{directory.VocabPath}' ({hash}) is not the vocabulary '{directory.OnnxPath}' was exported with ({metadata.VocabHash}).",
                $"Put the model's own {ModelDirectory.VocabFile} beside it, or export again from the folder whose vocabulary you mean.", ExitCodes.ModelError);
        return WordPieceTokenizer.FromVocabFile(directory.VocabPath, metadata.LowerCase);
    }

    private static void CheckCard(ModelCard card, OnnxModelMetadata metadata, bool graphTakesPairs, ModelDirectory directory)
    {
        var disagreements = new List<string>();
        void Compare(string key, object? inCard, object? inGraph)
        {
            if (!Equals(inCard, inGraph)) disagreements.Add($"{key}: {inCard ?? "null"} in {ModelDirectory.CardFile}, {inGraph ?? "null"} in {ModelDirectory.OnnxFile}");
        }
        Compare("labels", string.Join(",", card.Labels), string.Join(",", metadata.Labels));
        Compare("max_length", card.MaxLength, metadata.MaxLength);
        Compare("lower_case", card.LowerCase, metadata.LowerCase);
        Compare("pooling", card.Pooling, metadata.Pooling);
        Compare("model_id", card.ModelId, metadata.ModelId);
        Compare("text_pair", card.TextPair, graphTakesPairs);
        if (disagreements.Count > 0)
            throw new MlopsException($"'{directory.Path}' holds files of different models: {string.Join("; ", disagreements)}.",
                $"Export again with `mlops export --model {directory.Path}` so {ModelDirectory.OnnxFile} matches {ModelDirectory.CardFile}.", ExitCodes.ModelError);
    }
}
