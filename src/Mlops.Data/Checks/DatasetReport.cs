namespace Mlops.Data.Checks;

/// <summary>
/// What <c>mlops data check</c> found in a dataset before any training: the class balance, each split's token lengths
/// against <c>MaxLength</c> (<c>data.max_length</c>), blank and repeated texts and vocabulary coverage, and the
/// <c>Leakage</c>: validation examples whose normalized text (with its pair) is also a training example's.
/// <c>Imbalance</c> is the largest training class over the smallest (null when a class is empty); <c>EmptyClasses</c>
/// are declared labels with no training example. Numbers only, and a few examples of each finding: the same record is
/// printed as tables and written as JSON.
/// </summary>
public sealed record DatasetReport(string Dataset, int MaxLength, IReadOnlyList<ClassCount> Classes, double? Imbalance,
    IReadOnlyList<string> EmptyClasses, SplitReport Train, SplitReport Validation, TextFinding Leakage)
{
    /// <summary>What makes the data unfit to train and score on as it is (what <c>--strict</c> fails on), one sentence each.</summary>
    public IReadOnlyList<string> Problems =>
    [
        .. Leakage.Count > 0 ? [$"{Leakage.Count} validation example(s) also in the training split"] : Array.Empty<string>(),
        .. EmptyClasses.Select(label => $"class '{label}' has no training example"),
    ];
}

/// <summary>One declared label's examples in each split, and its share of that split.</summary>
public sealed record ClassCount(string Label, int Train, int Validation, double TrainShare, double ValidationShare);

/// <summary>
/// One split (training, or every validation part together): its size, token lengths, blank texts, <c>Duplicates</c>
/// (examples whose normalized text an earlier example of the split already had; the first one is not counted),
/// <c>ConflictingLabels</c> (distinct texts seen with more than one label), and its <c>Tokens</c> (word pieces,
/// untruncated, [CLS] and [SEP] not counted), of which <c>UnknownTokens</c> are [UNK].
/// </summary>
public sealed record SplitReport(string Name, int Examples, TokenLengths Lengths, TextFinding Empty, TextFinding Duplicates,
    TextFinding ConflictingLabels, long Tokens, long UnknownTokens)
{
    /// <summary>The share of the split's tokens that are [UNK] (0 for a split without tokens).</summary>
    public double UnknownRate => Tokens == 0 ? 0 : (double)UnknownTokens / Tokens;
}

/// <summary>
/// A split's encoded lengths in tokens ([CLS] and [SEP], and a pair's second [SEP], included, as <c>data.max_length</c>
/// counts them) before truncation: percentiles (nearest rank), the longest, and how many examples the maximum cuts.
/// </summary>
public sealed record TokenLengths(int P50, int P90, int P99, int Max, int Truncated, double TruncatedShare);

/// <summary>How many examples a check found, and the first few of them.</summary>
public sealed record TextFinding(int Count, IReadOnlyList<ExampleSample> Examples)
{
    /// <summary>How many examples a finding keeps (its first ones).</summary>
    public const int Shown = 3;
}

/// <summary>
/// One example a finding points at: its part (<c>train</c>, or a validation part's name) and position there (from 1),
/// its text and pair, and its label (a contradicted text's labels: the first one seen, then this example's).
/// </summary>
public sealed record ExampleSample(string Part, int Row, string Text, string? Pair, IReadOnlyList<string> Labels);
