namespace Mlops.Data.Tables;

/// <summary>
/// The files that hold one split, read in order (a table's one file, or a hub split's shards), and how a message names the
/// split as a whole: the file, or the shards' pattern.
/// </summary>
internal sealed record TableSplitFiles(string Name, IReadOnlyList<TableFile> Files)
{
    public static TableSplitFiles Of(TableFile file) => new(file.DisplayName, [file]);
}
