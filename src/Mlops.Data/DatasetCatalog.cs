using Mlops.Core;
using Mlops.Data.Cola;
using Mlops.Data.Hub;
using Mlops.Data.Synthetic;
using Mlops.Data.Tables;

namespace Mlops.Data;

/// <summary>
/// Turns a dataset name (and its keys of the <c>data</c> section) into a source. <c>synthetic</c> is generated in
/// process and always works offline; <c>cola</c> reads a local folder when one is given, otherwise the
/// Hugging Face hub cache (downloading into it when online); <c>table</c> reads the user's own labelled text table;
/// <c>hub</c> any Parquet dataset of the hub, and <c>glue</c> a GLUE task of it by name.
/// </summary>
public static class DatasetCatalog
{
    public static readonly IReadOnlyList<string> Names = ["synthetic", "cola", "table", "hub", GlueTask.DatasetName];

    public static IDatasetSource Resolve(DataOptions data, HubOptions hub, IProgress<DownloadProgress>? progress = null)
    {
        HuggingFaceHubClient Client() => new(HuggingFaceHubClient.CreateHttpClient(), hub, progress);
        switch (data.Name.ToLowerInvariant())
        {
            case "synthetic":
                if (data.Dir is not null)
                    throw new DataException("The 'synthetic' dataset is generated and takes no data.dir.", "Drop the data.dir override, or choose data=cola to read that folder.");
                return new SyntheticAcceptabilitySource();
            case "cola":
                return data.Dir is not null ? new ColaFolderSource(data.Dir) : new ColaHubSource(Client());
            case "table":
                return new TableDatasetSource(data);
            case "hub":
                return new HubDatasetSource(Client(), data);
            case GlueTask.DatasetName:
                return new HubDatasetSource(Client(), GlueTask.Find(data.Task).Apply(data));
            default:
                throw new DataException($"Unknown dataset '{data.Name}'.", Suggestions.Hint("datasets", data.Name, Names.ToList()));
        }
    }
}
