using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mlops.Model.Bert;

/// <summary>BERT's pooler: tanh of a dense layer over the [CLS] token's final state.</summary>
public sealed class BertPooler : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;

    public BertPooler(BertConfig config) : base(nameof(BertPooler))
    {
        dense = nn.Linear(config.HiddenSize, config.HiddenSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden)
    {
        using var scope = NewDisposeScope();
        return tanh(dense.forward(hidden.select(1, 0))).MoveToOuterDisposeScope();
    }
}
