namespace Mlops.Data.Tables;

/// <summary>
/// Which files hold a table dataset's splits: <c>data.path</c> as the training file (or, with a split column, the whole
/// table) and <c>data.validation_path</c>, or a folder holding <c>train.*</c> and <c>validation.*</c> (also <c>dev.*</c>);
/// a hub dataset gives each split its shards. No validation files means the validation split is drawn from the training rows.
/// </summary>
internal sealed record TableLayout(TableSplitFiles Train, TableSplitFiles? Validation)
{
    /// <summary>What a validation split is called, as a file name (<c>dev.tsv</c>) or a split column's value.</summary>
    public static readonly IReadOnlyList<string> ValidationNames = ["validation", "valid", "val", "dev"];

    /// <summary>What to do when a validation split drawn from the training rows would leave one side empty.</summary>
    public string AddValidationHint { get; init; } =
        "Add validation rows (data.validation_path, a validation.* file beside train.*, or data.split_column), or raise data.validation_split.";

    public static TableLayout Resolve(DataOptions data)
    {
        if (string.IsNullOrWhiteSpace(data.Path))
            throw new DataException("The 'table' dataset needs data.path.", "Set data.path to a CSV, TSV, JSON lines or Parquet file, or to a folder holding train.* and validation.*.");
        var validation = data.ValidationPath is { } path ? TableFile.Open(path, data.Format, "data.validation_path") : null;
        if (!Directory.Exists(data.Path)) return Of(TableFile.Open(data.Path, data.Format, "data.path"), validation);

        var files = Directory.EnumerateFiles(data.Path).Where(f => data.Format is not null || TableFile.HasTableExtension(f)).Order(StringComparer.Ordinal).ToList();
        var train = FindOne(data.Path, files, ["train"], data)
            ?? throw new DataException($"Data folder '{data.Path}' holds no train.* file (found: {Describe(files)}).",
                "Name the training file train.csv, train.tsv, train.jsonl or train.parquet, or set data.path to the file itself.");
        return Of(train, validation ?? FindOne(data.Path, files, ValidationNames, data));
    }

    private static TableLayout Of(TableFile train, TableFile? validation) =>
        new(TableSplitFiles.Of(train), validation is null ? null : TableSplitFiles.Of(validation));

    private static TableFile? FindOne(string folder, IReadOnlyList<string> files, IReadOnlyList<string> names, DataOptions data)
    {
        var matches = files.Where(f => names.Contains(Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase)).ToList();
        if (matches.Count > 1)
            throw new DataException($"Data folder '{folder}' holds {matches.Count} files for one split: {Describe(matches)}.",
                "Keep one of them in the folder, or name the files with data.path and data.validation_path.");
        return matches.Count == 1 ? TableFile.Open(matches[0], data.Format, "data.path") : null;
    }

    private static string Describe(IReadOnlyList<string> files) => files.Count == 0 ? "no table file" : string.Join(", ", files.Select(Path.GetFileName));
}
