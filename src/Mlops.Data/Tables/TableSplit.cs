namespace Mlops.Data.Tables;

/// <summary>Which split a table row belongs to: its file's role, or the value of its split column.</summary>
internal enum TableSplit
{
    Train,
    Validation,
}
