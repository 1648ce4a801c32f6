using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mlops.Model.Bert;

/// <summary>The stack of transformer layers (<c>encoder.layer.N</c>).</summary>
public sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<BertLayer> layer;

    public BertEncoder(BertConfig config) : base(nameof(BertEncoder))
    {
        layer = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new BertLayer(config)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor hidden, Tensor maskBias)
    {
        using var scope = NewDisposeScope();
        var x = hidden;
        foreach (var block in layer) x = block.forward(x, maskBias);
        return x.MoveToOuterDisposeScope();
    }
}
