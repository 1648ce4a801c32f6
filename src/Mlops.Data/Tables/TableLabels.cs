using System.Globalization;

namespace Mlops.Data.Tables;

/// <summary>
/// The stable order of the labels a table's training rows hold, which fixes each label's index: numeric when every label is
/// an integer (so 0..4 keep their own indices), ordinal otherwise (the same on every machine and culture).
/// </summary>
internal static class TableLabels
{
    public static IReadOnlyList<string> Order(IEnumerable<string> names)
    {
        var list = names.ToList();
        var numbers = list.Select(n => long.TryParse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : (long?)null).ToList();
        return numbers.All(n => n is not null)
            ? [.. list.Zip(numbers).OrderBy(p => p.Second).ThenBy(p => p.First, StringComparer.Ordinal).Select(p => p.First)]
            : [.. list.Order(StringComparer.Ordinal)];
    }
}
