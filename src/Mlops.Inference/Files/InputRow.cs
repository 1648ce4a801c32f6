namespace Mlops.Inference.Files;

/// <summary>One row of an input file: its line number and text, or why it could not be read.</summary>
public sealed record InputRow(long Line, string? Text, string? Error = null);
