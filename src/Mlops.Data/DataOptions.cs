using System.ComponentModel.DataAnnotations;
using Mlops.Data.Batching;
using Mlops.Data.Hub;

namespace Mlops.Data;

/// <summary>The <c>data</c> config section: which dataset, where its files are, what selects the model, and how sentences become batches.</summary>
public sealed record DataOptions
{
    /// <summary>'synthetic' (generated, offline) or 'cola'.</summary>
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

    /// <summary>How this section's sentences become training (shuffled) or evaluation batches.</summary>
    public BatchingOptions Batching(bool shuffle, int seed) => new() { BatchSize = BatchSize, Shuffle = shuffle, Seed = seed, BucketByLength = Bucketing };

    /// <param name="progress">Shows hub downloads, if any happen.</param>
    public IDatasetSource Resolve(IProgress<DownloadProgress>? progress = null)
    {
        var hub = HubOptions.FromEnvironment();
        return DatasetCatalog.Resolve(Name, Dir, Offline ? hub with { Offline = true } : hub, progress);
    }
}
