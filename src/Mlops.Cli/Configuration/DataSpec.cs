using System.ComponentModel.DataAnnotations;
using Mlops.Data;
using Mlops.Data.Hub;

namespace Mlops.Cli.Configuration;

/// <summary>The <c>data</c> section: which dataset, where its files are, and how sentences become batches.</summary>
public sealed record DataSpec
{
    /// <summary>'synthetic' (generated, offline) or 'cola'.</summary>
    public string Name { get; init; } = "synthetic";
    /// <summary>Local folder with the dataset's files; null downloads CoLA into the Hugging Face hub cache.</summary>
    public string? Dir { get; init; }
    /// <summary>Never download: a file missing from the cache is an error naming it (also HF_HUB_OFFLINE=1).</summary>
    public bool Offline { get; init; }
    [Range(1, 65536)] public int BatchSize { get; init; } = 32;
    /// <summary>Longest token sequence; batches are padded only to their longest sentence.</summary>
    [Range(4, 4096)] public int MaxLength { get; init; } = 128;
    /// <summary>Group sentences of similar length into batches (less padding); false gives random batches.</summary>
    public bool Bucketing { get; init; } = true;

    /// <param name="progress">Shows hub downloads, if any happen.</param>
    public IDatasetSource Resolve(IProgress<DownloadProgress>? progress = null)
    {
        var hub = HubOptions.FromEnvironment();
        return DatasetCatalog.Resolve(Name, Dir, Offline ? hub with { Offline = true } : hub, progress);
    }
}
