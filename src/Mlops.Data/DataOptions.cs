using System.ComponentModel.DataAnnotations;
using Mlops.Core;
using Mlops.Data.Batching;
using Mlops.Data.Hub;
using Mlops.Data.Tables;

namespace Mlops.Data;

/// <summary>The <c>data</c> config section: which dataset, where its files are, what selects the model, and how sentences become batches.</summary>
public sealed record DataOptions : IValidatableObject
{
    /// <summary>
    /// 'synthetic' (generated, offline), 'cola', 'table' (a labelled text table of the user's: the keys from <see cref="Path"/> on),
    /// 'hub' (a Parquet dataset of the Hugging Face hub: <see cref="Repo"/> and the table's column keys) or 'glue' (a GLUE <see cref="Task"/>).
    /// </summary>
    public string Name { get; init; } = "synthetic";
    /// <summary>Local folder with the dataset's files; null downloads CoLA into the Hugging Face hub cache.</summary>
    public string? Dir { get; init; }
    /// <summary>Never download: a file missing from the cache is an error naming it (also HF_HUB_OFFLINE=1).</summary>
    public bool Offline { get; init; }
    /// <summary>
    /// Fraction of the training set held out (stratified, seeded by <c>training.seed</c>) to pick the best checkpoint
    /// and stop early; the validation split is then scored once, at the end. 0 selects on the validation split itself.
    /// </summary>
    [Range(0.0, 0.5, MaximumIsExclusive = true)] public double SelectionSplit { get; init; }
    [Range(1, 65536)] public int BatchSize { get; init; } = 32;
    /// <summary>Longest token sequence; batches are padded only to their longest sentence.</summary>
    [Range(4, 4096)] public int MaxLength { get; init; } = 128;
    /// <summary>Group sentences of similar length into batches (less padding); false gives random batches.</summary>
    public bool Bucketing { get; init; } = true;

    /// <summary>The table: a CSV, TSV, JSON lines or Parquet file (the training rows, or all rows with <see cref="SplitColumn"/>), or a folder holding train.* and validation.* (or dev.*).</summary>
    public string? Path { get; init; }
    /// <summary>A second file holding the validation rows, when <see cref="Path"/> holds only the training rows.</summary>
    public string? ValidationPath { get; init; }
    /// <summary>The files' format; null takes it from each file's extension.</summary>
    public TableFormat? Format { get; init; }
    /// <summary>The column(s) holding the text; several are joined with <see cref="TextSeparator"/> (an issue's title and body).</summary>
    public IReadOnlyList<string> Text { get; init; } = ["text"];
    /// <summary>What joins several text columns: visible to the tokenizer (not whitespace), so the model can tell where one ends.</summary>
    public string TextSeparator { get; init; } = Core.InputColumns.DefaultSeparator;
    /// <summary>A second text column for sentence-pair tasks (paraphrase, entailment), encoded as BERT's second segment; null for one text.</summary>
    public string? Pair { get; init; }
    /// <summary>The column holding the label (strings or integers).</summary>
    public string Label { get; init; } = "label";
    /// <summary>
    /// The labels in index order (for a hub dataset's integer label column: the names of classes 0, 1, ...); null takes them from
    /// a hub dataset's card, else from the training rows, sorted (numerically when all are integers).
    /// </summary>
    public IReadOnlyList<string>? Labels { get; init; }
    /// <summary>A column saying each row's split (train; validation, valid, val or dev; other values such as test are skipped); null reads splits from the files.</summary>
    public string? SplitColumn { get; init; }
    /// <summary>Fraction of the training rows drawn (stratified, seeded by <see cref="SplitSeed"/>) as the validation split when the table has none.</summary>
    [Range(0.0, 0.5, MinimumIsExclusive = true)] public double ValidationSplit { get; init; } = 0.1;
    /// <summary>Seeds that draw; configs/data/table.yaml sets it to <c>training.seed</c>.</summary>
    public int SplitSeed { get; init; } = 42;

    /// <summary>The hub dataset repository, <c>owner/name</c> as in its address (<c>nyu-mll/glue</c>).</summary>
    public string? Repo { get; init; }
    /// <summary>The hub dataset's subset (its config name, a folder of the repository: <c>mrpc</c>); null takes the card's default.</summary>
    public string? Subset { get; init; }
    /// <summary>The hub branch, tag or commit to read (<c>refs/convert/parquet</c>: the hub's own Parquet conversion).</summary>
    public string Revision { get; init; } = HubOptions.DefaultRevision;
    /// <summary>The hub split that trains.</summary>
    public string Train { get; init; } = "train";
    /// <summary>The hub split that validates; null draws <see cref="ValidationSplit"/> of the training rows (for 'glue': the task's own split).</summary>
    public string? Validation { get; init; } = "validation";
    /// <summary>The GLUE task of the 'glue' dataset: cola, sst2, mrpc, qqp, mnli, qnli, rte or wnli.</summary>
    public string? Task { get; init; }

    /// <summary>How this section's sentences become training (shuffled) or evaluation batches.</summary>
    public BatchingOptions Batching(bool shuffle, int seed) => new() { BatchSize = BatchSize, Shuffle = shuffle, Seed = seed, BucketByLength = Bucketing };

    /// <summary>
    /// The local files and folders the configured dataset reads: <c>table</c>'s <see cref="Path"/> and
    /// <see cref="ValidationPath"/>, <c>cola</c>'s <see cref="Dir"/>; none for generated or downloaded data.
    /// </summary>
    public IReadOnlyList<string> LocalPaths() => Name.ToLowerInvariant() switch
    {
        "table" => [.. new[] { Path, ValidationPath }.OfType<string>()],
        "cola" when Dir is not null => [Dir],
        _ => [],
    };

    /// <summary>
    /// The columns a model trained on this data reads (recorded in its card for <c>mlops predict --input</c>): a table's or a
    /// hub dataset's keys, a GLUE task's own columns; null for data without named columns (synthetic, CoLA's files).
    /// </summary>
    public InputColumns? InputColumns() => Name.ToLowerInvariant() switch
    {
        "table" or "hub" => new InputColumns(Text, TextSeparator, Pair),
        GlueTask.DatasetName when Task is not null && GlueTask.Find(Task).Apply(this) is var glue => new InputColumns(glue.Text, glue.TextSeparator, glue.Pair),
        _ => null,
    };

    /// <param name="progress">Shows hub downloads, if any happen.</param>
    public IDatasetSource Resolve(IProgress<DownloadProgress>? progress = null)
    {
        var hub = HubOptions.FromEnvironment() with { Revision = Revision };
        return DatasetCatalog.Resolve(this, Offline ? hub with { Offline = true } : hub, progress);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Text.Count == 0 || Text.Any(string.IsNullOrWhiteSpace))
            yield return new ValidationResult("name at least one text column, none of them empty, e.g. [Title,Description].", [nameof(Text)]);
        if (string.IsNullOrWhiteSpace(TextSeparator))
            yield return new ValidationResult($"'{TextSeparator}' is whitespace, which the tokenizer drops: the model could not tell where one text column ends. Use visible text such as ' | ' or '. '.",
                [nameof(TextSeparator)]);
        if (Name == GlueTask.DatasetName && Task is not null && GlueTask.Problem(Task) is { } problem)
            yield return new ValidationResult(problem, [nameof(Task)]);
    }
}
