namespace Mlops.Data;

/// <summary>
/// Where a dataset comes from (a local folder, the Hugging Face hub cache, the built-in generator).
/// Loading is the only operation: everything after it (tokenizing, batching) is the same for all sources.
/// </summary>
public interface IDatasetSource
{
    string Name { get; }

    Task<DatasetSplits> LoadAsync(CancellationToken cancellationToken = default);
}
