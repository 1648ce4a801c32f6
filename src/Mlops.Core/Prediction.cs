namespace Mlops.Core;

/// <summary>One classified text: the winning label and the probability of every label (softmax over classes).</summary>
public sealed record Prediction(string Text, string Label, int LabelIndex, IReadOnlyList<float> Probabilities)
{
    public float Confidence => Probabilities[LabelIndex];
}
