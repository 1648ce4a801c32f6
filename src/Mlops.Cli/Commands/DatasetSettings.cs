using System.ComponentModel;
using Mlops.Data;
using Mlops.Data.Hub;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>The options that pick a dataset, shared by train, evaluate and bench.</summary>
public class DatasetSettings : CommandSettings
{
    [CommandOption("-d|--dataset <NAME>")]
    [Description("Dataset: 'synthetic' (generated, offline, the default) or 'cola'.")]
    [DefaultValue("synthetic")]
    public string Dataset { get; init; } = "synthetic";

    [CommandOption("--data-dir <DIR>")]
    [Description("Local folder with the dataset's files (CoLA TSVs). Without it, 'cola' uses the Hugging Face hub cache.")]
    public string? DataDir { get; init; }

    [CommandOption("--offline")]
    [Description("Never download: a file missing from the cache is an error naming it (also HF_HUB_OFFLINE=1).")]
    public bool Offline { get; init; }

    /// <param name="progress">Shows hub downloads, if any happen.</param>
    public IDatasetSource ResolveDataset(IProgress<DownloadProgress>? progress = null)
    {
        var hub = HubOptions.FromEnvironment();
        return DatasetCatalog.Resolve(Dataset, DataDir, Offline ? hub with { Offline = true } : hub, progress);
    }
}
