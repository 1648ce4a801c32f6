using Mlops.Data.Batching;
using Mlops.Model.Bert;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mlops.Training;

/// <summary>
/// The LightningModule of this product: what one training step and one validation step compute for a
/// sequence classifier, and which parameters get weight decay. The trainer owns the loop, this owns the maths.
/// </summary>
public sealed class ClassifierTask(BertForSequenceClassification model, IReadOnlyList<float>? classWeights = null)
{
    public BertForSequenceClassification Model { get; } = model;

    /// <summary>Per-class loss weights (e.g. inverse class frequency), or null for plain cross-entropy.</summary>
    public IReadOnlyList<float>? ClassWeights { get; } = classWeights;

    /// <summary>
    /// Weights that make every class count as much as the others in the loss: total / (classes x count),
    /// the "balanced" weighting of scikit-learn. On imbalanced data (CoLA is 70 % acceptable) it moves the
    /// decision boundary towards the minority class, which is what MCC rewards.
    /// </summary>
    public static float[] BalancedWeights(IReadOnlyList<int> labels, int classes)
    {
        var counts = new int[classes];
        foreach (var label in labels) counts[label]++;
        return counts.Select(c => c == 0 ? 0f : labels.Count / (float)(classes * c)).ToArray();
    }

    /// <summary>Cross-entropy of the batch (sentence pairs with their token type ids). It returns the loss tensor: the trainer back-propagates what this returns.</summary>
    public Tensor TrainingStep(TokenBatch batch)
    {
        using var ids = ToTensor(batch.InputIds, batch);
        using var mask = ToTensor(batch.AttentionMask, batch);
        using var types = batch.TokenTypeIds is null ? null : ToTensor(batch.TokenTypeIds, batch);
        using var labels = tensor(batch.Labels);
        using var logits = Model.forward(ids, mask, types);
        if (ClassWeights is null) return nn.functional.cross_entropy(logits, labels);
        using var weights = tensor(ClassWeights.ToArray());
        return nn.functional.cross_entropy(logits, labels, weights);
    }

    /// <summary>Logits [batch, labels] without gradients.</summary>
    public Tensor PredictStep(TokenBatch batch)
    {
        using var noGrad = no_grad();
        using var ids = ToTensor(batch.InputIds, batch);
        using var mask = ToTensor(batch.AttentionMask, batch);
        using var types = batch.TokenTypeIds is null ? null : ToTensor(batch.TokenTypeIds, batch);
        return Model.forward(ids, mask, types);
    }

    /// <summary>
    /// AdamW parameter groups: no weight decay on biases and LayerNorm weights (the BERT recipe), and with
    /// layer-wise decay each encoder layer's rate shrinks by <paramref name="layerDecay"/> per layer below the head.
    /// Returns the groups with their base learning rates, so the schedule can scale each.
    /// </summary>
    public IReadOnlyList<(AdamW.ParamGroup Group, double BaseLr)> ParameterGroups(double learningRate, double weightDecay, double layerDecay)
    {
        var layers = Model.Config.NumHiddenLayers;
        int Depth(string name)
        {
            // Head (classifier, pooler) = layers + 1, encoder layer i = i + 1, embeddings = 0.
            if (name.StartsWith("bert.embeddings")) return 0;
            const string prefix = "bert.encoder.layer.";
            if (name.StartsWith(prefix)) return int.Parse(name.AsSpan(prefix.Length, name.IndexOf('.', prefix.Length) - prefix.Length)) + 1;
            return layers + 1;
        }
        return Model.named_parameters()
            .GroupBy(p => (Depth: Depth(p.name), Decay: !(p.name.EndsWith("bias") || p.name.Contains("LayerNorm"))))
            .OrderBy(g => g.Key.Depth).ThenBy(g => g.Key.Decay)
            .Select(g =>
            {
                var lr = learningRate * Math.Pow(layerDecay, layers + 1 - g.Key.Depth);
                var group = new AdamW.ParamGroup(g.Select(p => p.parameter), lr, 0.9, 0.999, 1e-8, g.Key.Decay ? weightDecay : 0.0, false, false);
                return (group, lr);
            })
            .ToList();
    }

    private static Tensor ToTensor(long[] values, TokenBatch batch) => tensor(values, [batch.Rows, batch.Columns]);
}
