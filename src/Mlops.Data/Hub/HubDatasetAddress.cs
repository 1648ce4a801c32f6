namespace Mlops.Data.Hub;

/// <summary>
/// Which hub dataset is read: the repository, the subset (null for a dataset without subsets) and the revision; names it in
/// messages, and its files by their <c>hf://</c> address (as <c>huggingface_hub</c>'s file system writes them), not their place in the cache.
/// </summary>
internal sealed record HubDatasetAddress(string Repo, string? Subset, string Revision)
{
    public const string RepoType = "datasets";

    /// <summary>'nyu-mll/glue' subset 'mrpc' (with @revision unless it is main).</summary>
    public string Describe() => $"'{RepoAt}'" + (Subset is null ? "" : $" subset '{Subset}'");

    /// <summary><c>hf://datasets/nyu-mll/glue/mrpc/train-00000-of-00001.parquet</c>.</summary>
    public string HfAddress(string path) => $"hf://{RepoType}/{RepoAt}/{path}";

    private string RepoAt => Revision == HubOptions.DefaultRevision ? Repo : $"{Repo}@{Uri.EscapeDataString(Revision)}";
}
