namespace Mlops.Data.Splits;

/// <summary>
/// The one seeded, stratified way a slice is held out of a labelled set: the selection slice of <see cref="SelectionSplit"/>
/// and the validation split drawn from a table that has none, so both keep each label's share.
/// </summary>
public static class StratifiedDraw
{
    /// <summary>
    /// Splits <paramref name="sentences"/> into what is kept and what is held out: from each label, round(count x
    /// <paramref name="fraction"/>) sentences picked by <paramref name="seed"/>. Both parts keep the input order; either may be empty.
    /// </summary>
    public static (IReadOnlyList<LabeledSentence> Kept, IReadOnlyList<LabeledSentence> Held) Split(
        IReadOnlyList<LabeledSentence> sentences, double fraction, int seed)
    {
        if (fraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must lie strictly between 0 and 1.");
        var random = new Random(seed);
        var held = new bool[sentences.Count];
        foreach (var label in Enumerable.Range(0, sentences.Count).GroupBy(i => sentences[i].Label).OrderBy(g => g.Key))
        {
            var indices = label.ToArray();
            random.Shuffle(indices);
            foreach (var index in indices.Take((int)Math.Round(indices.Length * fraction, MidpointRounding.AwayFromZero))) held[index] = true;
        }
        return (sentences.Where((_, i) => !held[i]).ToList(), sentences.Where((_, i) => held[i]).ToList());
    }
}
