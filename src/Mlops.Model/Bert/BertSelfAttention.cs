using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mlops.Model.Bert;

/// <summary>
/// Multi-head scaled dot-product attention with separate query/key/value projections (the checkpoint's
/// layout), computed by libtorch's fused <c>scaled_dot_product_attention</c>.
/// </summary>
public sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly int _heads;
    private readonly int _headSize;
    private readonly double _dropout;
    private readonly MatmulPrecision _precision;

    public BertSelfAttention(BertConfig config) : base(nameof(BertSelfAttention))
    {
        query = nn.Linear(config.HiddenSize, config.HiddenSize);
        key = nn.Linear(config.HiddenSize, config.HiddenSize);
        value = nn.Linear(config.HiddenSize, config.HiddenSize);
        _heads = config.NumAttentionHeads;
        _headSize = config.HiddenSize / config.NumAttentionHeads;
        _dropout = config.AttentionProbsDropoutProb;
        _precision = config.MatmulPrecision;
        RegisterComponents();
    }

    /// <param name="hidden">[batch, sequence, hidden]</param>
    /// <param name="maskBias">[batch, 1, 1, sequence]: 0 for real tokens, -10000 for padding.</param>
    public override Tensor forward(Tensor hidden, Tensor maskBias)
    {
        using var scope = NewDisposeScope();
        long batch = hidden.shape[0], sequence = hidden.shape[1];
        Tensor Heads(Linear projection) =>
            PrecisionLinear.Apply(projection, hidden, _precision).view(batch, sequence, _heads, _headSize).transpose(1, 2);
        var context = nn.functional.scaled_dot_product_attention(
            Heads(query), Heads(key), Heads(value), maskBias, training ? _dropout : 0.0);
        return context.transpose(1, 2).reshape(batch, sequence, _heads * _headSize).MoveToOuterDisposeScope();
    }
}
