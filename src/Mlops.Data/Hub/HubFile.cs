namespace Mlops.Data.Hub;

/// <summary>
/// One file of a hub repository and what it must look like once downloaded: the SHA-256 and size come
/// from the hub's file listing (Git LFS metadata), so a corrupt or truncated download is caught before use.
/// </summary>
/// <param name="Path">Path inside the repository, with forward slashes (e.g. <c>cola/train-00000-of-00001.parquet</c>).</param>
/// <param name="Sha256">Expected lowercase hex SHA-256 of the content; null when unknown (then the download's headers are used).</param>
/// <param name="Size">Expected size in bytes; null when unknown.</param>
public sealed record HubFile(string Path, string? Sha256 = null, long? Size = null);
