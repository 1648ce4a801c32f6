using Mlops.Core;
using Mlops.Data.Cola;
using Mlops.Data.Hub;
using Mlops.Data.Synthetic;

namespace Mlops.Data;

/// <summary>
/// Turns a dataset name (and an optional local folder) into a source. <c>synthetic</c> is generated in
/// process and always works offline; <c>cola</c> reads a local folder when one is given, otherwise the
/// Hugging Face hub cache (downloading into it when online).
/// </summary>
public static class DatasetCatalog
{
    public static readonly IReadOnlyList<string> Names = ["synthetic", "cola"];

    public static IDatasetSource Resolve(string name, string? dataDir, HubOptions hub, IProgress<DownloadProgress>? progress = null)
    {
        switch (name.ToLowerInvariant())
        {
            case "synthetic":
                if (dataDir is not null)
                    throw new DataException("The 'synthetic' dataset is generated and takes no data.dir.", "Drop the data.dir override, or choose data=cola to read that folder.");
                return new SyntheticAcceptabilitySource();
            case "cola":
                return dataDir is not null
                    ? new ColaFolderSource(dataDir)
                    : new ColaHubSource(new HuggingFaceHubClient(HuggingFaceHubClient.CreateHttpClient(), hub, progress));
            default:
                throw new DataException($"Unknown dataset '{name}'.", Suggestions.Hint("datasets", name, Names.ToList()));
        }
    }
}
