namespace Mlops.Core;

/// <summary>
/// One input of a classifier: a text, or for a model trained on sentence pairs (paraphrase, entailment, duplicate
/// questions) a text and its second text, which BERT reads as <c>[CLS] text [SEP] pair [SEP]</c> with segment ids 0 and 1.
/// </summary>
public readonly record struct TextInput(string Text, string? Pair = null)
{
    /// <summary>Single texts as inputs (no second text): what a single-text model takes.</summary>
    public static TextInput[] FromTexts(IEnumerable<string> texts) => [.. texts.Select(t => new TextInput(t))];
}
