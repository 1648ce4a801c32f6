namespace Mlops.Data.Splits;

/// <summary>
/// The one seeded, stratified hold-out: the model-selection slice (<see cref="SelectionSplit"/>) and the benchmarks'
/// train/test splits draw it the same way, so a seed means the same rows everywhere.
/// </summary>
public static class StratifiedSplit
{
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
