namespace Mlops.Data.Synthetic;

/// <summary>One generated (synthetic, not CoLA) sentence with its label and, for unacceptable ones, the corruption that made it.</summary>
public sealed record SyntheticExample(string Text, int Label, SyntheticCorruption Corruption)
{
    public LabeledSentence ToLabeledSentence() => new(Text, Label);
}
