using System.Globalization;

namespace Mlops.Data.Tables;

/// <summary>
/// How the integer label column of a hub dataset reads: class indices from 0, named by <paramref name="Names"/> (the dataset
/// card's class names or <c>data.labels</c>; null keeps the numbers). A negative index marks an unlabelled row, as all of
/// GLUE's test splits are (-1), and is refused rather than learnt as a class.
/// </summary>
/// <param name="Names">The class names in index order, or null.</param>
/// <param name="NamedBy">Where the names come from, for messages: "data.labels", "the dataset card".</param>
internal sealed record ClassIndexLabels(IReadOnlyList<string>? Names, string NamedBy)
{
    /// <summary>The label of class <paramref name="index"/>, read at <paramref name="where"/> (a row and column).</summary>
    public string Name(long index, string where)
    {
        if (index < 0)
            throw new DataException($"{where}: the label {index} marks an unlabelled row (GLUE's test splits hold only -1).",
                "Train and validate on labelled splits: set data.train and data.validation to them.");
        if (Names is null) return index.ToString(CultureInfo.InvariantCulture);
        if (index >= Names.Count)
            throw new DataException($"{where}: the class index {index} is beyond the {Names.Count} classes {NamedBy} names ({string.Join(", ", Names)}).",
                "Set data.labels to the name of every class, in index order from 0.");
        return Names[(int)index];
    }
}
