using System.Globalization;
using Mlops.Core;

namespace Mlops.Data.Tables;

/// <summary>
/// The columns a table dataset reads (text, an optional pair text, the label, an optional split column) and where they
/// sit in a file's header. A column the file lacks is one line naming the file, the column, the columns it has and the
/// nearest of them.
/// </summary>
internal sealed record TableColumns(IReadOnlyList<string> Text, string? Pair, string Label, string? Split, string TextSeparator)
{
    public static TableColumns From(DataOptions data) => new(data.Text, data.Pair, data.Label, data.SplitColumn, data.TextSeparator);

    /// <summary>An integer label column holds class indices (a hub dataset's): null reads integers as their numbers, as a table's.</summary>
    public ClassIndexLabels? ClassIndices { get; init; }

    /// <summary>The text columns as a message names them: 'Title' or 'Title', 'Description'.</summary>
    public string TextNames => string.Join(", ", Text.Select(t => $"'{t}'"));

    /// <summary>The label an integer of the label column stands for; null stays null (an empty label).</summary>
    public string? IntegerLabel(long? value, TablePosition position) => value switch
    {
        null => null,
        { } index when ClassIndices is { } classes => classes.Name(index, position.Column(Label)),
        { } number => number.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The index of every column read, in a header of <paramref name="header"/> names found at <paramref name="where"/>.</summary>
    public TableColumnIndices Locate(IReadOnlyList<string> header, string where)
    {
        int Find(string name)
        {
            for (var i = 0; i < header.Count; i++)
                if (header[i] == name) return i;
            throw Missing(name, header, where);
        }
        return new TableColumnIndices([.. Text.Select(Find)], Pair is null ? -1 : Find(Pair), Find(Label), Split is null ? -1 : Find(Split));
    }

    /// <summary>The error for a column (or JSON field) <paramref name="name"/> that is not among <paramref name="available"/> at <paramref name="where"/>.</summary>
    public DataException Missing(string name, IReadOnlyList<string> available, string where)
    {
        var key = name == Label ? "data.label" : name == Pair ? "data.pair" : name == Split ? "data.split_column" : "data.text";
        return new DataException($"{where}, column '{name}': no such column; the columns are {string.Join(", ", available.Select(a => $"'{a}'"))}.",
            $"{Suggestions.Hint("columns", name, available.ToList())} Set {key} to one of them.");
    }
}
