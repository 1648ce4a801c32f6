using Mlops.Data.Splits;

namespace Mlops.Data.Tables;

/// <summary>
/// Reads the files of a <see cref="TableLayout"/> into a dataset: every file of a split in order, the label set (the declared
/// labels, or the training rows' in a stable order) checked, and the validation split drawn from the training rows (stratified,
/// seeded by <c>data.split_seed</c>) when the layout has none. Shared by the user's tables and the hub's Parquet datasets.
/// </summary>
/// <param name="options">The draw's fraction and seed.</param>
/// <param name="columns">The columns read.</param>
/// <param name="declared">The only labels allowed, in index order; null takes them from the training rows.</param>
internal sealed class TableLoader(DataOptions options, TableColumns columns, IReadOnlyList<string>? declared)
{
    /// <param name="name">The dataset's name in reports.</param>
    /// <param name="layout">The files of each split.</param>
    /// <param name="validationPart">The name the validation split is reported under.</param>
    /// <param name="cancellationToken">Stops the reading between row groups.</param>
    public async Task<DatasetSplits> LoadAsync(string name, TableLayout layout, string validationPart, CancellationToken cancellationToken)
    {
        var rows = new TableRows(columns, declared);
        await ReadAsync(layout.Train, TableSplit.Train, rows, cancellationToken);
        if (layout.Validation is { } validationFiles)
        {
            await ReadAsync(validationFiles, TableSplit.Validation, rows, cancellationToken);
            if (rows.Count(TableSplit.Validation) == 0)
                throw new DataException($"{validationFiles.Name} holds no validation rows.", "Add rows under its header, or leave the file out to draw the validation split from the training rows.");
        }
        if (rows.Count(TableSplit.Train) == 0)
            throw new DataException($"{layout.Train.Name} holds no training rows{SkippedText(rows)}.",
                columns.Split is null ? "Add rows under the header." : $"Rows say train in column '{columns.Split}' (data.split_column); validation, valid, val or dev mark validation rows.");

        var labels = declared ?? TableLabels.Order(rows.LabelsIn(TableSplit.Train).Select(l => rows.LabelName(l.Id)));
        CheckLabels(rows, labels, layout);
        // Every label id is in the list now: declared ones were checked row by row, and CheckLabels saw the validation rows.
        var indexOfName = labels.Index().ToDictionary(l => l.Item, l => l.Index, StringComparer.Ordinal);
        var indexOfId = Enumerable.Range(0, rows.LabelCount).Select(id => indexOfName[rows.LabelName(id)]).ToList();
        IReadOnlyList<LabeledSentence> train = rows.Sentences(TableSplit.Train, indexOfId);
        IReadOnlyList<LabeledSentence> validation = rows.Sentences(TableSplit.Validation, indexOfId);
        if (validation.Count == 0) (train, validation) = Draw(train, layout);
        return new DatasetSplits(name, labels, train, new Dictionary<string, IReadOnlyList<LabeledSentence>> { [validationPart] = validation });
    }

    private async Task ReadAsync(TableSplitFiles files, TableSplit split, TableRows rows, CancellationToken cancellationToken)
    {
        foreach (var file in files.Files)
        {
            await (file.Format switch
            {
                TableFormat.Csv or TableFormat.Tsv => DelimitedTableReader.ReadAsync(file, split, columns, rows, cancellationToken),
                TableFormat.Jsonl => JsonLinesTableReader.ReadAsync(file, split, columns, rows, cancellationToken),
                _ => ParquetTableReader.ReadAsync(file, split, columns, rows, cancellationToken),
            });
        }
    }

    /// <summary>At least two labels to learn, and no validation label the model cannot predict.</summary>
    private void CheckLabels(TableRows rows, IReadOnlyList<string> labels, TableLayout layout)
    {
        var trained = rows.LabelsIn(TableSplit.Train).ToList();
        if (trained.Count < 2)
            throw new DataException($"{layout.Train.Name}, column '{columns.Label}': every training row has the label '{rows.LabelName(trained[0].Id)}'; a classifier needs at least two.",
                "Check data.label names the column that holds the classes, or add rows of the other classes.");
        if (declared is not null) return;
        var known = trained.Select(l => l.Id).ToHashSet();
        foreach (var (id, first) in rows.LabelsIn(TableSplit.Validation).Where(l => !known.Contains(l.Id)))
            throw new DataException($"{first.Column(columns.Label)}: the validation label '{rows.LabelName(id)}' does not occur in the training rows ({string.Join(", ", labels)}).",
                "The model only predicts labels it was trained on: add training rows with it, or list every label in data.labels.");
    }

    private (IReadOnlyList<LabeledSentence> Train, IReadOnlyList<LabeledSentence> Validation) Draw(IReadOnlyList<LabeledSentence> train, TableLayout layout)
    {
        var (kept, held) = StratifiedDraw.Split(train, options.ValidationSplit, options.SplitSeed);
        if (kept.Count == 0 || held.Count == 0)
            throw new DataException($"{layout.Train.Name} has no validation rows, and drawing {options.ValidationSplit:P0} of its {train.Count} training rows leaves {kept.Count} to train on and {held.Count} to validate with.",
                layout.AddValidationHint);
        return (kept, held);
    }

    private static string SkippedText(TableRows rows) => rows.SkippedRows == 0 ? ""
        : $" ({rows.SkippedRows} rows skipped for their split: {string.Join(", ", rows.SkippedValues.Select(v => $"'{v}'"))})";
}
