namespace Mlops.Data.Tables;

/// <summary>The file formats a <c>table</c> dataset reads (<c>data.format</c>, or the file's extension).</summary>
public enum TableFormat
{
    Csv,
    Tsv,
    Jsonl,
    Parquet,
}
