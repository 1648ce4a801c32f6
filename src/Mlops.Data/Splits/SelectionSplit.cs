namespace Mlops.Data.Splits;

/// <summary>
/// Holds out a seeded, stratified slice of the training set for model selection (early stopping, the best
/// checkpoint), so the validation split is scored once at the end instead of being chosen on.
/// </summary>
public static class SelectionSplit
{
    /// <summary>
    /// Splits <paramref name="train"/> into what is trained on and the held-out slice (<see cref="StratifiedSplit.HoldOut"/>
    /// with <paramref name="fraction"/> and <paramref name="seed"/>). Both parts keep the input order.
    /// </summary>
    public static (IReadOnlyList<LabeledSentence> Train, IReadOnlyList<LabeledSentence> Selection) Carve(
        IReadOnlyList<LabeledSentence> train, double fraction, int seed)
    {
        var held = StratifiedSplit.HoldOut([.. train.Select(s => s.Label)], fraction, seed);
        var kept = train.Where((_, i) => !held[i]).ToList();
        var selection = train.Where((_, i) => held[i]).ToList();
        if (kept.Count == 0 || selection.Count == 0)
            throw new DataException($"Holding out {fraction:P0} of {train.Count} training sentences leaves {kept.Count} to train on and {selection.Count} to select with.",
                "Set data.selection_split to a fraction that leaves sentences on both sides, or to 0 to select on the validation split.");
        return (kept, selection);
    }
}
