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
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(options.Path!));
        return await new TableLoader(options, TableColumns.From(options), options.Labels).LoadAsync(name, layout, ValidationPartName, cancellationToken);
    }
}
