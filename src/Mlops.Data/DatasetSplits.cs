namespace Mlops.Data;

/// <summary>
/// A loaded dataset: training examples, the validation set, and the named parts that make up the
/// validation set (CoLA's in-domain and out-of-domain dev files), so each can be reported separately.
/// </summary>
public sealed record DatasetSplits(
    string Name,
    IReadOnlyList<string> LabelNames,
    IReadOnlyList<LabeledSentence> Train,
    IReadOnlyDictionary<string, IReadOnlyList<LabeledSentence>> ValidationParts)
{
    /// <summary>All validation parts together, in the order they were added (GLUE's CoLA validation split).</summary>
    public IReadOnlyList<LabeledSentence> Validation { get; } = ValidationParts.Values.SelectMany(p => p).ToList();
}
