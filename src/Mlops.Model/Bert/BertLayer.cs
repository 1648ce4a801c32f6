using TorchSharp;
using static TorchSharp.torch;

namespace Mlops.Model.Bert;

/// <summary>One transformer block: attention, then the feed-forward block with its residual output.</summary>
public sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertResidualOutput output;

    public BertLayer(BertConfig config) : base(nameof(BertLayer))
    {
        attention = new BertAttention(config);
        intermediate = new BertIntermediate(config);
        output = new BertResidualOutput(config.IntermediateSize, config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor maskBias)
    {
        using var scope = NewDisposeScope();
        var attended = attention.forward(hidden, maskBias);
        return output.forward(intermediate.forward(attended), attended).MoveToOuterDisposeScope();
    }
}
