namespace Mlops.Data.Hub;

/// <summary>The folders of one hub dataset repository, each listed once per load (through the tree API, or from the cache offline).</summary>
internal sealed class HubFolders(HuggingFaceHubClient hub, string repo)
{
    private readonly Dictionary<string, IReadOnlyList<HubFile>> _listed = new(StringComparer.Ordinal);

    /// <summary>Every file listed so far, for a message that says what the repository holds.</summary>
    public IEnumerable<HubFile> Seen => _listed.Values.SelectMany(f => f);

    /// <summary>The files directly inside <paramref name="folder"/> ("" for the repository's root); none for a folder it lacks.</summary>
    public async Task<IReadOnlyList<HubFile>> ListAsync(string folder, CancellationToken cancellationToken)
    {
        if (!_listed.TryGetValue(folder, out var files))
            _listed[folder] = files = await hub.ListFilesAsync(repo, HubDatasetAddress.RepoType, folder, cancellationToken);
        return files;
    }
}
