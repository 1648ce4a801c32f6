using Mlops.Core;

namespace Mlops.Data;

/// <summary>
/// One example of a text-classification dataset: the text, its label index and, for a sentence-pair task
/// (paraphrase, entailment, duplicate questions), the second text, encoded as BERT's second segment.
/// </summary>
public sealed record LabeledSentence(string Text, int Label, string? Pair = null)
{
    /// <summary>What a classifier reads of this example: the text and, for a pair, its second text.</summary>
    public TextInput Input => new(Text, Pair);
}
