using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Mlops.Model.Bert;

/// <summary>
/// Dense, dropout, then LayerNorm over the residual sum: Hugging Face's <c>BertSelfOutput</c> and
/// <c>BertOutput</c>, which differ only in their input width.
/// </summary>
public sealed class BertResidualOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly MatmulPrecision _precision;
    [ComponentName(Name = "LayerNorm")]
    private readonly LayerNorm layerNorm;
    private readonly Dropout dropout;

    public BertResidualOutput(int inputSize, BertConfig config) : base(nameof(BertResidualOutput))
    {
        dense = nn.Linear(inputSize, config.HiddenSize);
        _precision = config.MatmulPrecision;
        layerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps);
        dropout = nn.Dropout(config.HiddenDropoutProb);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input, Tensor residual)
    {
        using var scope = NewDisposeScope();
        return layerNorm.forward(dropout.forward(PrecisionLinear.Apply(dense, input, _precision)) + residual).MoveToOuterDisposeScope();
    }
}
