namespace Mlops.Data.Splits;

/// <summary>
/// Holds out a seeded, stratified slice of the training set for model selection (early stopping, the best
/// checkpoint), so the validation split is scored once at the end instead of being chosen on.
/// </summary>
public static class SelectionSplit
{
    /// <summary>
    /// Splits <paramref name="train"/> into what is trained on and the held-out slice (<see cref="StratifiedDraw.Split"/>);
    /// a fraction that leaves either side empty is a data error.
    /// </summary>
    public static (IReadOnlyList<LabeledSentence> Train, IReadOnlyList<LabeledSentence> Selection) Carve(
        IReadOnlyList<LabeledSentence> train, double fraction, int seed)
    {
        var (kept, selection) = StratifiedDraw.Split(train, fraction, seed);
        if (kept.Count == 0 || selection.Count == 0)
            throw new DataException($"Holding out {fraction:P0} of {train.Count} training sentences leaves {kept.Count} to train on and {selection.Count} to select with.",
                "Set data.selection_split to a fraction that leaves sentences on both sides, or to 0 to select on the validation split.");
        return (kept, selection);
    }
}
