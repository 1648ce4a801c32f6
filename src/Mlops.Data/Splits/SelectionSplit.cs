namespace Mlops.Data.Splits;

/// <summary>
/// Holds out a seeded, stratified slice of the training set for model selection (early stopping, the best
/// checkpoint), so the validation split is scored once at the end instead of being chosen on.
/// </summary>
public static class SelectionSplit
{
    /// <summary>
    /// Splits <paramref name="train"/> into what is trained on and the held-out slice: from each label, round(count x
    /// <paramref name="fraction"/>) sentences picked by <paramref name="seed"/>. Both parts keep the input order.
    /// </summary>
    public static (IReadOnlyList<LabeledSentence> Train, IReadOnlyList<LabeledSentence> Selection) Carve(
        IReadOnlyList<LabeledSentence> train, double fraction, int seed)
    {
        if (fraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must lie strictly between 0 and 1.");
        var random = new Random(seed);
        var held = new bool[train.Count];
        foreach (var label in Enumerable.Range(0, train.Count).GroupBy(i => train[i].Label).OrderBy(g => g.Key))
        {
            var indices = label.ToArray();
            random.Shuffle(indices);
            foreach (var index in indices.Take((int)Math.Round(indices.Length * fraction, MidpointRounding.AwayFromZero))) held[index] = true;
        }
        var kept = train.Where((_, i) => !held[i]).ToList();
        var selection = train.Where((_, i) => held[i]).ToList();
        if (kept.Count == 0 || selection.Count == 0)
            throw new DataException($"Holding out {fraction:P0} of {train.Count} training sentences leaves {kept.Count} to train on and {selection.Count} to select with.",
                "Set data.selection_split to a fraction that leaves sentences on both sides, or to 0 to select on the validation split.");
        return (kept, selection);
    }
}
