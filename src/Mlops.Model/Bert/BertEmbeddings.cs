using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Mlops.Model.Bert;

/// <summary>Word + position + token-type embeddings, then LayerNorm and dropout (Hugging Face key names).</summary>
public sealed class BertEmbeddings : nn.Module<Tensor, Tensor>
{
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    [ComponentName(Name = "LayerNorm")]
    private readonly LayerNorm layerNorm;
    private readonly Dropout dropout;

    public BertEmbeddings(BertConfig config) : base(nameof(BertEmbeddings))
    {
        word_embeddings = nn.Embedding(config.VocabSize, config.HiddenSize);
        position_embeddings = nn.Embedding(config.MaxPositionEmbeddings, config.HiddenSize);
        token_type_embeddings = nn.Embedding(config.TypeVocabSize, config.HiddenSize);
        layerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    /// <param name="inputIds">[batch, sequence] token ids; every token has type 0 (single sentences).</param>
    public override Tensor forward(Tensor inputIds)
    {
        using var scope = NewDisposeScope();
        var sequence = inputIds.shape[1];
        // Positions 0..s-1 are the first s rows of the table, and the type is 0 for every token:
        // slices broadcast over the batch instead of gathering per token.
        var positions = position_embeddings.weight!.narrow(0, 0, sequence);
        var tokenType = token_type_embeddings.weight![0];
        var x = word_embeddings.forward(inputIds) + positions + tokenType;
        return dropout.forward(layerNorm.forward(x)).MoveToOuterDisposeScope();
    }

    /// <param name="inputIds">[batch, sequence] token ids.</param>
    /// <param name="tokenTypeIds">[batch, sequence] segment ids (sentence pairs: 0 for the first text, 1 for the second), or null for single sentences.</param>
    public Tensor forward(Tensor inputIds, Tensor? tokenTypeIds)
    {
        if (tokenTypeIds is null) return forward(inputIds);
        using var scope = NewDisposeScope();
        var positions = position_embeddings.weight!.narrow(0, 0, inputIds.shape[1]);
        var x = word_embeddings.forward(inputIds) + positions + token_type_embeddings.forward(tokenTypeIds);
        return dropout.forward(layerNorm.forward(x)).MoveToOuterDisposeScope();
    }
}
