namespace Mlops.Data;

/// <summary>One example of a sentence-classification dataset: the text and its label index.</summary>
public sealed record LabeledSentence(string Text, int Label);
