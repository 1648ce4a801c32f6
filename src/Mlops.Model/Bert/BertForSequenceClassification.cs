using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mlops.Model.Bert;

/// <summary>
/// BERT plus a linear classification head over a pooled sentence vector. Returns logits
/// [batch, labels]; probabilities are a softmax over the label dimension (dim 1), never over the batch.
/// </summary>
public sealed class BertForSequenceClassification : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertModel bert;
    private readonly Dropout dropout;
    private readonly Linear classifier;

    public BertForSequenceClassification(BertConfig config, int numLabels, Pooling pooling) : base(nameof(BertForSequenceClassification))
    {
        if (numLabels < 2) throw new ModelException($"A classifier needs at least 2 labels, got {numLabels}.");
        bert = new BertModel(config);
        dropout = nn.Dropout(config.HiddenDropoutProb);
        classifier = nn.Linear(config.HiddenSize, numLabels);
        NumLabels = numLabels;
        PoolingMode = pooling;
        RegisterComponents();
        InitializeWeights();
    }

    public BertConfig Config => bert.Config;

    /// <summary>The BERT encoder under the head: its last hidden state and pooler output (parity checks, export).</summary>
    public BertModel Encoder => bert;

    public int NumLabels { get; }

    public Pooling PoolingMode { get; }

    public override Tensor forward(Tensor inputIds, Tensor attentionMask) => forward(inputIds, attentionMask, null);

    /// <summary>Logits [batch, labels]; <paramref name="tokenTypeIds"/> (0 first text, 1 second) for sentence pairs, null for single sentences.</summary>
    public Tensor forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds)
    {
        using var scope = NewDisposeScope();
        return Classify(SentenceEmbedding(inputIds, attentionMask, tokenTypeIds)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The pooled sentence vector [batch, hidden] the head reads: the pooler's output, or the mean of the real tokens' states;
    /// <paramref name="tokenTypeIds"/> for sentence pairs, null for single sentences.
    /// </summary>
    public Tensor SentenceEmbedding(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds = null)
    {
        using var scope = NewDisposeScope();
        var hidden = bert.forward(inputIds, attentionMask, tokenTypeIds);
        return (PoolingMode == Pooling.Mean ? MeanPool(hidden, attentionMask) : bert.Pool(hidden)).MoveToOuterDisposeScope();
    }

    /// <summary>The head: logits [batch, labels] of pooled sentence vectors (dropout first, which is off in eval mode).</summary>
    public Tensor Classify(Tensor sentenceEmbedding) => classifier.forward(dropout.forward(sentenceEmbedding));

    /// <summary>Softmax over the label dimension: each row sums to 1.</summary>
    public static Tensor Probabilities(Tensor logits) => nn.functional.softmax(logits, dim: 1);

    private static Tensor MeanPool(Tensor hidden, Tensor attentionMask)
    {
        var mask = attentionMask.unsqueeze(-1).to_type(hidden.dtype);
        return (hidden * mask).sum(1) / mask.sum(1).clamp_min(1e-9);
    }

    /// <summary>BERT's initialisation: normal(0, 0.02) weights, zero biases, unit LayerNorm.</summary>
    private void InitializeWeights()
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in named_parameters())
        {
            if (name.Contains("LayerNorm")) _ = name.EndsWith("weight") ? parameter.fill_(1.0) : parameter.zero_();
            else if (name.EndsWith("bias")) parameter.zero_();
            else parameter.normal_(0.0, 0.02);
        }
    }
}
