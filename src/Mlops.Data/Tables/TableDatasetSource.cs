using Mlops.Data.Splits;

namespace Mlops.Data.Tables;

/// <summary>
/// The <c>table</c> dataset: the user's own labelled text in CSV, TSV, JSON lines or Parquet (<see cref="TableLayout"/> says
/// which files hold which split). The label set is <c>data.labels</c> or the training rows' labels in a stable order; the
/// validation split is the file's, or drawn from the training rows (stratified, seeded) when the table has none. Every
/// problem with the input is a <see cref="DataException"/> naming the file, the row and the column, raised while loading,
/// before any training starts.
/// </summary>
public sealed class TableDatasetSource(DataOptions options) : IDatasetSource
{
    public const string ValidationPartName = "validation";

    public string Name => "table";

    public async Task<DatasetSplits> LoadAsync(CancellationToken cancellationToken = default)
    {
        var layout = TableLayout.Resolve(options);
        var columns = TableColumns.From(options);
        var rows = new TableRows(columns, options.Labels);
        await ReadAsync(layout.Train, TableSplit.Train, columns, rows, cancellationToken);
        if (layout.Validation is { } validationFile)
        {
            await ReadAsync(validationFile, TableSplit.Validation, columns, rows, cancellationToken);
            if (rows.Count(TableSplit.Validation) == 0)
                throw new DataException($"{validationFile.Path} holds no validation rows.", "Add rows under its header, or leave the file out to draw the validation split from the training rows.");
        }
        if (rows.Count(TableSplit.Train) == 0)
            throw new DataException($"{layout.Train.Path} holds no training rows{SkippedText(rows)}.",
                columns.Split is null ? "Add rows under the header." : $"Rows say train in column '{columns.Split}' (data.split_column); validation, valid, val or dev mark validation rows.");

        var labels = options.Labels ?? TableLabels.Order(rows.LabelsIn(TableSplit.Train).Select(l => rows.LabelName(l.Id)));
        CheckLabels(rows, labels, columns, layout);
        // Every label id is in the list now: declared ones were checked row by row, and CheckLabels saw the validation rows.
        var indexOfName = labels.Index().ToDictionary(l => l.Item, l => l.Index, StringComparer.Ordinal);
        var indexOfId = Enumerable.Range(0, rows.LabelCount).Select(id => indexOfName[rows.LabelName(id)]).ToList();
        IReadOnlyList<LabeledSentence> train = rows.Sentences(TableSplit.Train, indexOfId);
        IReadOnlyList<LabeledSentence> validation = rows.Sentences(TableSplit.Validation, indexOfId);
        if (validation.Count == 0) (train, validation) = Draw(train, layout);
        return new DatasetSplits(Path.GetFileName(Path.TrimEndingDirectorySeparator(options.Path!)), labels, train,
            new Dictionary<string, IReadOnlyList<LabeledSentence>> { [ValidationPartName] = validation });
    }

    private static Task ReadAsync(TableFile file, TableSplit split, TableColumns columns, TableRows rows, CancellationToken cancellationToken) => file.Format switch
    {
        TableFormat.Csv or TableFormat.Tsv => DelimitedTableReader.ReadAsync(file, split, columns, rows, cancellationToken),
        TableFormat.Jsonl => JsonLinesTableReader.ReadAsync(file, split, columns, rows, cancellationToken),
        _ => ParquetTableReader.ReadAsync(file, split, columns, rows, cancellationToken),
    };

    /// <summary>At least two labels to learn, and no validation label the model cannot predict.</summary>
    private void CheckLabels(TableRows rows, IReadOnlyList<string> labels, TableColumns columns, TableLayout layout)
    {
        var trained = rows.LabelsIn(TableSplit.Train).ToList();
        if (trained.Count < 2)
            throw new DataException($"{layout.Train.Path}, column '{columns.Label}': every training row has the label '{rows.LabelName(trained[0].Id)}'; a classifier needs at least two.",
                "Check data.label names the column that holds the classes, or add rows of the other classes.");
        if (options.Labels is not null) return;
        var known = trained.Select(l => l.Id).ToHashSet();
        foreach (var (id, first) in rows.LabelsIn(TableSplit.Validation).Where(l => !known.Contains(l.Id)))
            throw new DataException($"{first.Column(columns.Label)}: the validation label '{rows.LabelName(id)}' does not occur in the training rows ({string.Join(", ", labels)}).",
                "The model only predicts labels it was trained on: add training rows with it, or list every label in data.labels.");
    }

    private (IReadOnlyList<LabeledSentence> Train, IReadOnlyList<LabeledSentence> Validation) Draw(IReadOnlyList<LabeledSentence> train, TableLayout layout)
    {
        var (kept, held) = StratifiedDraw.Split(train, options.ValidationSplit, options.SplitSeed);
        if (kept.Count == 0 || held.Count == 0)
            throw new DataException($"{layout.Train.Path} has no validation rows, and drawing {options.ValidationSplit:P0} of its {train.Count} training rows leaves {kept.Count} to train on and {held.Count} to validate with.",
                "Add validation rows (data.validation_path, a validation.* file beside train.*, or data.split_column), or raise data.validation_split.");
        return (kept, held);
    }

    private static string SkippedText(TableRows rows) => rows.SkippedRows == 0 ? ""
        : $" ({rows.SkippedRows} rows skipped for their split: {string.Join(", ", rows.SkippedValues.Select(v => $"'{v}'"))})";
}
