namespace Mlops.Core;

/// <summary>
/// Where a model's input comes from in a table: one or several text columns (several joined with <see cref="Separator"/>,
/// blank ones left out) and, for sentence pairs, the second text's column. The model card records the training table's,
/// so <c>mlops predict --input</c> reads a file of the same shape exactly as training read its table.
/// </summary>
public sealed record InputColumns(IReadOnlyList<string> Text, string Separator = InputColumns.DefaultSeparator, string? Pair = null)
{
    public const string DefaultSeparator = " | ";

    /// <summary>The columns read when neither the card nor the user names any: a text column <c>sentence</c>, as the course's files have.</summary>
    public static InputColumns Default { get; } = new(["sentence"]);
}
