namespace Mlops.Data.Tables;

/// <summary>Where the columns of <see cref="TableColumns"/> sit in one file's header; -1 for an optional column not read.</summary>
internal sealed record TableColumnIndices(int[] Text, int Pair, int Label, int Split);
