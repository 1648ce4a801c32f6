using TorchSharp;
using static TorchSharp.torch;

namespace Mlops.Model.Bert;

/// <summary>Self-attention followed by its residual output block (<c>attention.self</c>, <c>attention.output</c>).</summary>
public sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertSelfAttention self;
    private readonly BertResidualOutput output;

    public BertAttention(BertConfig config) : base(nameof(BertAttention))
    {
        self = new BertSelfAttention(config);
        output = new BertResidualOutput(config.HiddenSize, config);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor maskBias)
    {
        using var scope = NewDisposeScope();
        return output.forward(self.forward(hidden, maskBias), hidden).MoveToOuterDisposeScope();
    }
}
