using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mlops.Model.Bert;

/// <summary>The feed-forward expansion: dense to the intermediate size, then exact (erf) GELU.</summary>
public sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly MatmulPrecision _precision;

    public BertIntermediate(BertConfig config) : base(nameof(BertIntermediate))
    {
        dense = nn.Linear(config.HiddenSize, config.IntermediateSize);
        _precision = config.MatmulPrecision;
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return nn.functional.gelu(PrecisionLinear.Apply(dense, hidden, _precision)).MoveToOuterDisposeScope();
    }
}
