using TorchSharp;
using static TorchSharp.torch;

namespace Mlops.Model.Bert;

/// <summary>
/// The BERT encoder (embeddings, layers, pooler). Field names equal Hugging Face checkpoint keys, so
/// pretrained weights load by name and a later ONNX exporter can walk them.
/// </summary>
public sealed class BertModel : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertEmbeddings embeddings;
    private readonly BertEncoder encoder;
    private readonly BertPooler pooler;

    public BertModel(BertConfig config) : base(nameof(BertModel))
    {
        Config = config.Validate();
        embeddings = new BertEmbeddings(config);
        encoder = new BertEncoder(config);
        pooler = new BertPooler(config);
        RegisterComponents();
    }

    public BertConfig Config { get; }

    /// <summary>The last hidden state, [batch, sequence, hidden].</summary>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask) => forward(inputIds, attentionMask, null);

    /// <summary>The last hidden state, [batch, sequence, hidden]; <paramref name="tokenTypeIds"/> for sentence pairs, null for single sentences.</summary>
    public Tensor forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        var maskBias = MaskBias(attentionMask);
        return encoder.forward(embeddings.forward(inputIds, tokenTypeIds), maskBias).MoveToOuterDisposeScope();
    }

    /// <summary>The pooled [CLS] representation, [batch, hidden].</summary>
    public Tensor Pool(Tensor lastHiddenState) => pooler.forward(lastHiddenState);

    /// <summary>0 where a token is real, -10000 where it is padding, shaped to broadcast over heads and queries.</summary>
    private static Tensor MaskBias(Tensor attentionMask) =>
        (1.0f - attentionMask.to_type(ScalarType.Float32)).mul(-10000.0f).unsqueeze(1).unsqueeze(1);
}
