using System.Text.Json;
using System.Text.Json.Serialization;
using Mlops.Core;

namespace Mlops.Model.Bert;

/// <summary>
/// The shape of a BERT encoder, read from and written to a Hugging Face <c>config.json</c>
/// (same keys), so our model folders and theirs are interchangeable.
/// </summary>
public sealed record BertConfig
{
    public int VocabSize { get; init; } = 30522;
    public int HiddenSize { get; init; } = 128;
    public int NumHiddenLayers { get; init; } = 2;
    public int NumAttentionHeads { get; init; } = 2;
    public int IntermediateSize { get; init; } = 512;
    public int MaxPositionEmbeddings { get; init; } = 512;
    public int TypeVocabSize { get; init; } = 2;
    public double LayerNormEps { get; init; } = 1e-12;
    public double HiddenDropoutProb { get; init; } = 0.1;
    public double AttentionProbsDropoutProb { get; init; } = 0.1;
    public string HiddenAct { get; init; } = "gelu";
    public string ModelType { get; init; } = "bert";

    /// <summary>What a Hugging Face tool should take this folder for; written with the classifier (see <see cref="ForClassifier"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Architectures { get; init; }

    /// <summary>The sentence vector the head reads: <c>cls</c> (the pooler, as BertForSequenceClassification) or <c>mean</c> of the token states.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClassifierPooling { get; init; }

    [JsonPropertyName("id2label"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Id2Label { get; init; }

    [JsonPropertyName("label2id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, int>? Label2Id { get; init; }

    /// <summary>How the dense layers multiply; a run-time choice, not part of the saved model.</summary>
    [JsonIgnore]
    public MatmulPrecision MatmulPrecision { get; init; } = MatmulPrecision.Float32;

    /// <summary>google/bert_uncased_L-2_H-128_A-2, the course's model.</summary>
    public static BertConfig Tiny => new();

    /// <summary>all-MiniLM-L6-v2's encoder: 6 layers, 384 hidden, 12 heads.</summary>
    public static BertConfig MiniLm => new() { HiddenSize = 384, NumHiddenLayers = 6, NumAttentionHeads = 12, IntermediateSize = 1536 };

    /// <summary>
    /// This shape as the config of a classifier folder: labels both ways, and an <c>architectures</c> entry that is true.
    /// Only a [CLS]-pooled head computes what transformers' BertForSequenceClassification does; a mean-pooled one is
    /// named for what it is, so no tool loads it as BertForSequenceClassification and silently predicts differently.
    /// </summary>
    public BertConfig ForClassifier(IReadOnlyList<string> labels, Pooling pooling) => this with
    {
        Architectures = [pooling == Pooling.Cls ? "BertForSequenceClassification" : "BertMeanPooledForSequenceClassification"],
        ClassifierPooling = pooling.ToString().ToLowerInvariant(),
        Id2Label = labels.Select((label, i) => (label, i)).ToDictionary(p => p.i.ToString(), p => p.label),
        Label2Id = labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i),
    };

    /// <summary>The encoder's shape alone: without what <see cref="ForClassifier"/> adds for other tools (the card holds labels and pooling).</summary>
    public BertConfig EncoderShape() => this with { Architectures = null, ClassifierPooling = null, Id2Label = null, Label2Id = null };

    public BertConfig Validate()
    {
        void Require(bool ok, string what) { if (!ok) throw new ModelException($"Invalid BERT config: {what}."); }
        Require(VocabSize > 0, $"vocab_size must be positive, got {VocabSize}");
        Require(HiddenSize > 0, $"hidden_size must be positive, got {HiddenSize}");
        Require(NumHiddenLayers > 0, $"num_hidden_layers must be positive, got {NumHiddenLayers}");
        Require(NumAttentionHeads > 0 && HiddenSize % NumAttentionHeads == 0,
            $"num_attention_heads must divide hidden_size, got {NumAttentionHeads} heads for hidden {HiddenSize}");
        Require(IntermediateSize > 0, $"intermediate_size must be positive, got {IntermediateSize}");
        Require(MaxPositionEmbeddings > 0, $"max_position_embeddings must be positive, got {MaxPositionEmbeddings}");
        Require(HiddenDropoutProb is >= 0 and < 1, $"hidden_dropout_prob must be in [0, 1), got {HiddenDropoutProb}");
        Require(AttentionProbsDropoutProb is >= 0 and < 1, $"attention_probs_dropout_prob must be in [0, 1), got {AttentionProbsDropoutProb}");
        Require(HiddenAct is "gelu", $"hidden_act '{HiddenAct}' is not supported (only 'gelu')");
        return this;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = ReadableJson.Encoder,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };

    public static async Task<BertConfig> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
            throw new ModelException($"Model config '{path}' does not exist.", "A model folder needs a Hugging Face style config.json.");
        try
        {
            await using var stream = File.OpenRead(path);
            var config = await JsonSerializer.DeserializeAsync<BertConfig>(stream, Json, cancellationToken)
                ?? throw new JsonException("empty document");
            return config.Validate();
        }
        catch (JsonException e)
        {
            throw new ModelException($"Model config '{path}' is not valid JSON for a BERT config: {e.Message}", null, e);
        }
    }

    public Task WriteAsync(string path, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json), cancellationToken);

    /// <summary>One line naming the shape, used in logs and mismatch errors.</summary>
    public string Describe() => $"L{NumHiddenLayers}/H{HiddenSize}/A{NumAttentionHeads}/I{IntermediateSize}/V{VocabSize}";
}
