namespace Mlops.Data.Tables;

/// <summary>
/// Where a row of a table is, as a person finds it: the 1-based line where the record starts in a text file (the header is
/// line 1, a quoted record over several lines is named by its first), or the 1-based row of a Parquet file.
/// </summary>
internal readonly record struct TablePosition(string File, long Number, bool IsLine = true)
{
    public override string ToString() => $"{File}, {(IsLine ? "line" : "row")} {Number}";

    /// <summary>The position and a column of it: the start of every message about one value.</summary>
    public string Column(string name) => $"{this}, column '{name}'";
}
