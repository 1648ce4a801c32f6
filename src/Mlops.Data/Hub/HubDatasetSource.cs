using Mlops.Core;
using Mlops.Data.Tables;

namespace Mlops.Data.Hub;

/// <summary>
/// A dataset of the Hugging Face hub stored as Parquet (<c>data=hub</c>, and GLUE's tasks by name): the card (README.md)
/// says which files hold each split of the subset and names a class label's integers; the files are listed, downloaded
/// through <see cref="HuggingFaceHubClient"/> (verified, cached, resumable, offline from the cache) and read, shard after
/// shard, by the table dataset's Parquet reader with the columns of <c>data.text</c>, <c>data.pair</c> and <c>data.label</c>.
/// </summary>
/// <param name="hub">The client: endpoint, cache, offline mode and revision.</param>
/// <param name="options">The repository, subset, splits and columns.</param>
/// <param name="name">The dataset's name in reports; null names it by its repository and subset.</param>
public sealed class HubDatasetSource(HuggingFaceHubClient hub, DataOptions options, string? name = null) : IDatasetSource
{
    private const string CardPath = "README.md";

    public string Name => name ?? (options.Subset is null ? options.Repo ?? "hub" : $"{options.Repo}:{options.Subset}");

    public async Task<DatasetSplits> LoadAsync(CancellationToken cancellationToken = default)
    {
        var repo = Repository();
        var folders = new HubFolders(hub, repo);
        var card = await ReadCardAsync(folders, repo, cancellationToken);
        var config = Subset(card, repo);
        var address = new HubDatasetAddress(repo, config?.Name ?? options.Subset, hub.Options.Revision);
        var finder = new HubSplitFinder(hub, folders, address, config);
        var train = await finder.FindAsync(options.Train, "data.train", cancellationToken);
        var validation = options.Validation is { } split ? await finder.FindAsync(split, "data.validation", cancellationToken) : null;

        var classes = options.Labels is { } declared ? new ClassIndexLabels(declared, "data.labels")
            : new ClassIndexLabels(card.ClassNames(address.Subset ?? HubDatasetCard.DefaultConfig, options.Label), "the dataset card");
        var layout = new TableLayout(await DownloadAsync(address, train, cancellationToken),
            validation is null ? null : await DownloadAsync(address, validation, cancellationToken))
        {
            AddValidationHint = "Set data.validation to a split of the dataset, or raise data.validation_split.",
        };
        var columns = TableColumns.From(options) with { ClassIndices = classes };
        return await new TableLoader(options, columns, classes.Names).LoadAsync(Name, layout, options.Validation ?? TableDatasetSource.ValidationPartName, cancellationToken);
    }

    private string Repository()
    {
        if (string.IsNullOrWhiteSpace(options.Repo))
            throw new DataException("The 'hub' dataset needs data.repo.", "Set data.repo to the dataset's owner/name, as in its address: data.repo=nyu-mll/glue.");
        try
        {
            HubRepoPath.Validate(options.Repo, HubDatasetAddress.RepoType);
        }
        catch (ArgumentException)
        {
            throw new DataException($"'{options.Repo}' is not a hub dataset id (data.repo).", "Write the dataset's owner/name, as in its address: data.repo=nyu-mll/glue.");
        }
        return options.Repo;
    }

    /// <summary>
    /// The card of the repository's root, or none when it has no README.md. Offline, a card the cache lacks is an error unless
    /// <c>data.labels</c> names the classes (a card-less cache of CoLA from before cards were read still loads).
    /// </summary>
    private async Task<HubDatasetCard> ReadCardAsync(HubFolders folders, string repo, CancellationToken cancellationToken)
    {
        var file = (await folders.ListAsync("", cancellationToken)).FirstOrDefault(f => f.Path == CardPath);
        if (file is null)
        {
            if (hub.Options.Offline && options.Labels is null)
                throw new DataException($"Offline mode is on (data.offline=true or HF_HUB_OFFLINE=1), and the hub cache ('{hub.GetCacheFolder(repo, HubDatasetAddress.RepoType)}') lacks the card of '{repo}' ({CardPath}), which names its subsets, split files and labels.",
                    "Run once with HF_HUB_OFFLINE=0 and data.offline=false to download the dataset (it stays in the cache), or set data.labels to the class names in index order.");
            return HubDatasetCard.None;
        }
        var path = await hub.DownloadAsync(repo, HubDatasetAddress.RepoType, file, cancellationToken);
        return HubDatasetCard.Parse(await File.ReadAllTextAsync(path, cancellationToken), new HubDatasetAddress(repo, null, hub.Options.Revision).HfAddress(CardPath));
    }

    /// <summary>The card's subset that <c>data.subset</c> names, or its default one; null when the card declares no subsets.</summary>
    private HubCardConfig? Subset(HubDatasetCard card, string repo)
    {
        if (card.Configs.Count == 0) return null;
        var names = card.Configs.Select(c => c.Name).ToList();
        if (options.Subset is { } subset)
        {
            return card.Configs.FirstOrDefault(c => c.Name == subset)
                ?? throw new DataException($"'{repo}' has no subset '{subset}'; its subsets are {string.Join(", ", names)}.",
                    $"{Suggestions.Hint("subsets", subset, names)} Set data.subset to one of them.");
        }
        return card.Configs.FirstOrDefault(c => c.IsDefault) ?? card.Configs.FirstOrDefault(c => c.Name == HubDatasetCard.DefaultConfig)
            ?? (card.Configs.Count == 1 ? card.Configs[0]
                : throw new DataException($"'{repo}' has {names.Count} subsets and no default: {string.Join(", ", names)}.", "Set data.subset to one of them."));
    }

    private async Task<TableSplitFiles> DownloadAsync(HubDatasetAddress address, HubSplit split, CancellationToken cancellationToken)
    {
        var files = new List<TableFile>();
        foreach (var file in split.Files)
        {
            var path = await hub.DownloadAsync(address.Repo, HubDatasetAddress.RepoType, file, cancellationToken);
            files.Add(new TableFile(path, TableFormat.Parquet) { DisplayName = address.HfAddress(file.Path) });
        }
        return new TableSplitFiles(string.Join(", ", split.Patterns.Select(address.HfAddress)), files);
    }
}
