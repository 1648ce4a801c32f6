namespace Mlops.Data.Hub;

/// <summary>
/// CoLA as the course loads it (<c>load_dataset("glue", "cola")</c>): GLUE's cola task of the <c>nyu-mll/glue</c> hub dataset,
/// downloaded once into the cache and verified. Train is <c>cola/train-*.parquet</c>; validation (GLUE's dev set, in- and
/// out-of-domain together) is <c>cola/validation-*.parquet</c>. The unlabelled test split is not loaded. Its class names are
/// fixed here rather than read from the card, so a cache filled before cards were read still loads offline.
/// </summary>
public sealed class ColaHubSource(HuggingFaceHubClient hub) : IDatasetSource
{
    public const string ValidationPartName = "validation";

    /// <summary>GLUE CoLA's class names, by label index.</summary>
    public static IReadOnlyList<string> LabelNames { get; } = ["unacceptable", "acceptable"];

    private readonly HubDatasetSource _source = new(
        hub ?? throw new ArgumentNullException(nameof(hub)),
        GlueTask.Find("cola").Apply(new DataOptions { Validation = ValidationPartName }) with { Labels = LabelNames },
        "cola-hub");

    public string Name => _source.Name;

    public Task<DatasetSplits> LoadAsync(CancellationToken cancellationToken = default) => _source.LoadAsync(cancellationToken);
}
