namespace Mlops.Data.Hub;

/// <summary>
/// CoLA as the course loads it (<c>load_dataset("glue", "cola")</c>): the parquet files of the
/// <c>nyu-mll/glue</c> dataset on the Hugging Face hub, downloaded once into the cache and verified.
/// Train is <c>cola/train-*.parquet</c>; validation (GLUE's dev set, in- and out-of-domain together) is
/// <c>cola/validation-*.parquet</c>. The unlabelled test split is not loaded.
/// </summary>
public sealed class ColaHubSource(HuggingFaceHubClient hub) : IDatasetSource
{
    public const string RepoId = "nyu-mll/glue";
    public const string RepoType = "datasets";
    public const string Config = "cola";
    public const string ValidationPartName = "validation";

    /// <summary>GLUE CoLA's class names, by label index.</summary>
    public static IReadOnlyList<string> LabelNames { get; } = ["unacceptable", "acceptable"];

    private readonly HuggingFaceHubClient _hub = hub ?? throw new ArgumentNullException(nameof(hub));

    public string Name => "cola-hub";

    public async Task<DatasetSplits> LoadAsync(CancellationToken cancellationToken = default)
    {
        var files = await _hub.ListFilesAsync(RepoId, RepoType, Config, cancellationToken);
        var train = await LoadSplitAsync(files, "train", cancellationToken);
        var validation = await LoadSplitAsync(files, "validation", cancellationToken);
        return new DatasetSplits(
            Name,
            LabelNames,
            train,
            new Dictionary<string, IReadOnlyList<LabeledSentence>> { [ValidationPartName] = validation });
    }

    private async Task<List<LabeledSentence>> LoadSplitAsync(IReadOnlyList<HubFile> files, string split, CancellationToken cancellationToken)
    {
        var prefix = $"{Config}/{split}-";
        var shards = files
            .Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal) && f.Path.EndsWith(".parquet", StringComparison.Ordinal))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        if (shards.Count == 0)
        {
            var found = files.Count == 0 ? "none" : string.Join(", ", files.Select(f => $"'{f.Path}'"));
            throw new DataException(
                $"The dataset '{RepoId}' (revision '{_hub.Options.Revision}') has no '{prefix}*.parquet' file; files found: {found}.",
                "Check the revision, or set data.dir=<folder> to read local CoLA TSV files instead.");
        }

        var rows = new List<LabeledSentence>();
        foreach (var shard in shards)
        {
            var path = await _hub.DownloadAsync(RepoId, RepoType, shard, cancellationToken);
            var shardRows = await GlueParquetReader.ReadAsync(path, cancellationToken);
            for (var i = 0; i < shardRows.Count; i++)
            {
                if (shardRows[i].Label is not (0 or 1))
                {
                    throw new DataException(
                        $"Row {i} of '{path}' has the label {shardRows[i].Label}; CoLA's labels are 0 (unacceptable) and 1 (acceptable).",
                        "GLUE's test split is unlabelled (-1) and cannot be used for training or validation.");
                }
            }
            rows.AddRange(shardRows);
        }
        return rows;
    }
}
