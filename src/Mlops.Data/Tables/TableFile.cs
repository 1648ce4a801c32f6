namespace Mlops.Data.Tables;

/// <summary>
/// One file of a table dataset and the format it is read in: checked to exist, its format named or taken from its extension.
/// <see cref="DisplayName"/> is how messages name it: the path itself, or where a downloaded copy came from.
/// </summary>
internal sealed record TableFile(string Path, TableFormat Format)
{
    private static readonly Dictionary<string, TableFormat> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        [".csv"] = TableFormat.Csv,
        [".tsv"] = TableFormat.Tsv,
        [".tab"] = TableFormat.Tsv,
        [".jsonl"] = TableFormat.Jsonl,
        [".ndjson"] = TableFormat.Jsonl,
        [".parquet"] = TableFormat.Parquet,
    };

    /// <summary>The file as every message names it (a hub file's <c>hf://</c> address rather than its place in the cache).</summary>
    public string DisplayName { get; init; } = Path;

    /// <summary>True when <paramref name="path"/> ends in an extension a table is read from.</summary>
    public static bool HasTableExtension(string path) => Extensions.ContainsKey(System.IO.Path.GetExtension(path));

    /// <summary>The file at <paramref name="path"/>, which the config key <paramref name="key"/> named.</summary>
    public static TableFile Open(string path, TableFormat? format, string key)
    {
        if (!File.Exists(path))
            throw new DataException($"Data file '{path}' does not exist.",
                $"Set {key} to a CSV, TSV, JSON lines or Parquet file{(key == "data.path" ? ", or to a folder holding train.* and validation.* (or dev.*)" : "")}.");
        if (format is { } declared) return new TableFile(path, declared);
        var extension = System.IO.Path.GetExtension(path);
        if (Extensions.TryGetValue(extension, out var detected)) return new TableFile(path, detected);
        throw new DataException($"{path}: {(extension.Length == 0 ? "no extension to tell the table's format" : $"unknown table format '{extension}'")}.",
            $"Name the file .csv, .tsv, .jsonl (one JSON object per line) or .parquet, or set data.format to csv, tsv, jsonl or parquet.");
    }
}
