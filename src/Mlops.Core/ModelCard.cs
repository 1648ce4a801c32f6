using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mlops.Core;

/// <summary>
/// What a model directory needs besides its weights: label names, tokenizer settings, how the
/// classifier pools the encoder output, the metrics it reached and where it came from.
/// Serving reads it to turn scores into labels without loading the training stack.
/// </summary>
public sealed record ModelCard
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required IReadOnlyList<string> Labels { get; init; }
    public required int MaxLength { get; init; }
    public bool LowerCase { get; init; } = true;
    public string Pooling { get; init; } = "mean";
    /// <summary>
    /// True for a model of sentence pairs (<c>[CLS] text [SEP] text_pair [SEP]</c>, segment ids 0 and 1); written only then,
    /// so a card without it (every card before pairs) is a single-text model.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool TextPair { get; init; }
    /// <summary>
    /// The table columns the model was trained on (<c>data.text</c>, <c>data.text_separator</c>, <c>data.pair</c>), which
    /// <c>mlops predict --input</c> then reads by default; absent for data without named columns (synthetic, CoLA's files).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InputColumns? Input { get; init; }
    /// <summary>Precision of the encoder's matrix multiplies during training; inference uses the same.</summary>
    public string MatmulPrecision { get; init; } = "float32";
    public string Dataset { get; init; } = "";
    public string InitializedFrom { get; init; } = "scratch";
    /// <summary>The data that picked this checkpoint: <c>validation</c>, or <c>train_slice(fraction, seed)</c> held out of training.</summary>
    public string SelectedOn { get; init; } = "validation";
    /// <summary>The metrics of the evaluation that picked this checkpoint, on <see cref="SelectedOn"/>, with its epoch and step.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    /// <summary>Each validation part (and their union, <c>all</c>) scored once with this model after training: part -> metric -> value.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Evaluation { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, double>>();
    /// <summary><c>sha256:...</c> of <c>model.safetensors</c>: the same weights always have the same id, wherever they are copied.</summary>
    public string? ModelId { get; init; }
    /// <summary><c>sha256:...</c> of the training data as loaded (every split's sentences and labels), whatever the source.</summary>
    public string? DataFingerprint { get; init; }
    /// <summary>The source tree, config and run folder the model came from.</summary>
    public RunProvenance Provenance { get; init; } = new();
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public string TorchSharpVersion { get; init; } = "";

    /// <summary>The short version a model is shown and logged by (<c>ml.model.version</c>): its id's first twelve hex digits.</summary>
    public static string ShortVersion(string modelId) => modelId[(modelId.IndexOf(':') + 1)..] is { Length: >= 12 } hex ? hex[..12] : modelId;

    public static async Task<ModelCard> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            var card = await JsonSerializer.DeserializeAsync(stream, ModelCardJson.Default.ModelCard, cancellationToken);
            if (card is null) throw new JsonException("empty document");
            if (card.FormatVersion > CurrentFormatVersion)
                throw new MlopsException($"'{path}' has format version {card.FormatVersion}; this mlops reads up to {CurrentFormatVersion}.",
                    "Upgrade mlops to read this model.", ExitCodes.ModelError);
            return card;
        }
        catch (JsonException e)
        {
            throw new MlopsException($"'{path}' is not a valid model card: {e.Message}", null, ExitCodes.ModelError, e);
        }
    }

    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<ModelCard> Readable = ReadableJson.TypeInfo(ModelCardJson.Default.ModelCard);

    public Task WriteAsync(string path, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Readable), cancellationToken);
}
