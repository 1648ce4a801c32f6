using System.Globalization;
using System.Text.Json;
using Mlops.Core;

namespace Mlops.Inference.Onnx;

/// <summary>
/// What a consumer of <c>model.onnx</c> needs besides the graph, written into its <c>metadata_props</c>: labels,
/// tokenizer settings, pooling, identity and provenance. A folder holding only <c>model.onnx</c> and <c>vocab.txt</c>
/// can be served, and the vocabulary it needs is pinned by hash.
/// </summary>
public sealed record OnnxModelMetadata
{
    public const string Format = "mlops-text-classifier/1";

    public required IReadOnlyList<string> Labels { get; init; }
    public required int MaxLength { get; init; }
    public required bool LowerCase { get; init; }
    public required string Pooling { get; init; }
    /// <summary><c>sha256:...</c> of <c>vocab.txt</c>: the tokenizer the embedding rows were trained for.</summary>
    public required string VocabHash { get; init; }
    public required int VocabSize { get; init; }
    public string? ModelId { get; init; }

    /// <summary>The content-addressed version: the first 12 hex digits of the model id (the weights' sha256).</summary>
    public string? Version => ModelId is { } id ? ModelCard.ShortVersion(id) : null;
    public string? DataFingerprint { get; init; }
    public string? Dataset { get; init; }
    /// <summary><c>none</c>, or <c>int8</c> for a dynamically quantised export.</summary>
    public string Quantization { get; init; } = "none";
    public RunProvenance Provenance { get; init; } = new();

    /// <summary>The key the quantiser rewrites when it turns a float32 graph into int8.</summary>
    public const string QuantizationKey = Keys.Quantization;

    private static class Keys
    {
        public const string Quantization = "quantization";
        public const string Format = "mlops_format";
        public const string Labels = "labels";
        public const string MaxLength = "max_length";
        public const string LowerCase = "do_lower_case";
        public const string Pooling = "pooling";
        public const string VocabHash = "vocab_sha256";
        public const string VocabSize = "vocab_size";
        public const string ModelId = "model_id";
        public const string DataFingerprint = "data_fingerprint";
        public const string Dataset = "dataset";
        public const string Provenance = "provenance";
    }

    /// <summary>The metadata as <c>metadata_props</c> key/value pairs; lists and provenance as JSON.</summary>
    public IReadOnlyDictionary<string, string> ToProperties()
    {
        var properties = new Dictionary<string, string>
        {
            [Keys.Format] = Format,
            [Keys.Labels] = JsonSerializer.Serialize(Labels.ToArray(), InferenceJson.Default.StringArray),
            [Keys.MaxLength] = MaxLength.ToString(CultureInfo.InvariantCulture),
            [Keys.LowerCase] = LowerCase ? "true" : "false",
            [Keys.Pooling] = Pooling,
            [Keys.Quantization] = Quantization,
            [Keys.VocabHash] = VocabHash,
            [Keys.VocabSize] = VocabSize.ToString(CultureInfo.InvariantCulture),
            [Keys.Provenance] = JsonSerializer.Serialize(Provenance, ModelCardJson.Default.RunProvenance),
        };
        if (ModelId is not null) properties[Keys.ModelId] = ModelId;
        if (DataFingerprint is not null) properties[Keys.DataFingerprint] = DataFingerprint;
        if (Dataset is not null) properties[Keys.Dataset] = Dataset;
        return properties;
    }

    /// <summary>Reads the metadata of <paramref name="origin"/>; a missing or malformed key is one error naming the key.</summary>
    public static OnnxModelMetadata FromProperties(IReadOnlyDictionary<string, string> properties, string origin)
    {
        string Required(string key) => properties.TryGetValue(key, out var value) && value.Length > 0 ? value
            : throw Invalid($"has no metadata key '{key}'");
        int Integer(string key, int minimum) =>
            Parse(key, t => int.TryParse(t, CultureInfo.InvariantCulture, out var n) && n >= minimum ? n : throw new FormatException(), $"an integer >= {minimum}");
        T Parse<T>(string key, Func<string, T?> parse, string expected)
        {
            var text = Required(key);
            try
            {
                return parse(text) ?? throw new FormatException();
            }
            catch (Exception e) when (e is FormatException or OverflowException or JsonException)
            {
                throw Invalid($"has metadata {key}='{text}', expected {expected}");
            }
        }
        MlopsException Invalid(string what) => new($"'{origin}' {what}.",
            "Export the model with `mlops export`, which writes labels, max_length, do_lower_case, pooling and vocab_sha256 into the graph's metadata.",
            ExitCodes.ModelError);

        if (Required(Keys.Format) != Format) throw Invalid($"has metadata {Keys.Format}='{properties[Keys.Format]}', expected '{Format}'");
        var labels = Parse(Keys.Labels, t => JsonSerializer.Deserialize(t, InferenceJson.Default.StringArray), "a JSON list of label names");
        if (labels.Length < 2) throw Invalid($"names {labels.Length} label(s), expected at least 2");
        return new OnnxModelMetadata
        {
            Labels = labels,
            MaxLength = Integer(Keys.MaxLength, 2),
            LowerCase = Parse(Keys.LowerCase, t => bool.TryParse(t, out var b) ? b : throw new FormatException(), "true or false"),
            Pooling = Required(Keys.Pooling),
            VocabHash = Required(Keys.VocabHash),
            VocabSize = Integer(Keys.VocabSize, 1),
            ModelId = properties.GetValueOrDefault(Keys.ModelId),
            DataFingerprint = properties.GetValueOrDefault(Keys.DataFingerprint),
            Dataset = properties.GetValueOrDefault(Keys.Dataset),
            Quantization = properties.GetValueOrDefault(Keys.Quantization) ?? "none",
            Provenance = properties.TryGetValue(Keys.Provenance, out var provenance)
                ? Parse(Keys.Provenance, t => JsonSerializer.Deserialize(t, ModelCardJson.Default.RunProvenance), "a JSON object") : new RunProvenance(),
        };
    }
}
