namespace Mlops.Core;

/// <summary>One classified text: the winning label and the probability of every label (softmax over classes).</summary>
public sealed record Prediction(string Text, string Label, int LabelIndex, IReadOnlyList<float> Probabilities)
{
    public float Confidence => Probabilities[LabelIndex];

    /// <summary>The second text of a sentence pair; null for a single text.</summary>
    public string? Pair { get; init; }

    /// <summary>The input's word pieces ([CLS] and [SEP] excluded; of both texts for a pair), after truncation to the model's max length.</summary>
    public int Tokens { get; init; }

    /// <summary>How many of <see cref="Tokens"/> the vocabulary did not know ([UNK]).</summary>
    public int UnknownTokens { get; init; }

    /// <summary>The pooled sentence vector the head read (what embedding drift compares); null when the model does not give it (an older export).</summary>
    public float[]? Embedding { get; init; }
}
