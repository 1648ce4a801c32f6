namespace Mlops.Inference.Files;

/// <summary>One row of an input file: its line number and text (and second text, for a file of sentence pairs), or why it could not be read.</summary>
public sealed record InputRow(long Line, string? Text, string? Error = null)
{
    /// <summary>The row's second text, read from the pair column; null for a file of single texts.</summary>
    public string? Pair { get; init; }
}
