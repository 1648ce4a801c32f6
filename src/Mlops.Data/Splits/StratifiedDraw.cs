namespace Mlops.Data.Splits;

/// <summary>
/// The one seeded, stratified way a slice is held out of a labelled set: the selection slice of <see cref="SelectionSplit"/>,
/// the validation split drawn from a table that has none, and the benchmarks' train/test splits, so a seed means the same rows everywhere.
/// </summary>
public static class StratifiedDraw
{
    /// <summary>
    /// Splits <paramref name="sentences"/> into what is kept and what is held out (<see cref="HoldOut"/>).
    /// Both parts keep the input order; either may be empty.
    /// </summary>
    public static (IReadOnlyList<LabeledSentence> Kept, IReadOnlyList<LabeledSentence> Held) Split(
        IReadOnlyList<LabeledSentence> sentences, double fraction, int seed)
    {
        var held = HoldOut([.. sentences.Select(s => s.Label)], fraction, seed);
        return (sentences.Where((_, i) => !held[i]).ToList(), sentences.Where((_, i) => held[i]).ToList());
    }

    /// <summary>
    /// Which rows are held out: from each label (in label order), round(count x <paramref name="fraction"/>, halves away
    /// from zero) of its rows, picked by one <see cref="Random"/> seeded with <paramref name="seed"/>.
    /// </summary>
    public static bool[] HoldOut(IReadOnlyList<int> labels, double fraction, int seed)
    {
        if (fraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must lie strictly between 0 and 1.");
        var random = new Random(seed);
        var held = new bool[labels.Count];
        foreach (var label in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var indices = label.ToArray();
            random.Shuffle(indices);
            foreach (var index in indices.Take((int)Math.Round(indices.Length * fraction, MidpointRounding.AwayFromZero))) held[index] = true;
        }
        return held;
    }
}
