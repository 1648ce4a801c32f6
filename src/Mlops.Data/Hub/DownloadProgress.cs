namespace Mlops.Data.Hub;

/// <summary>
/// Progress of one file download, reported through <see cref="IProgress{T}"/> so the CLI can draw a
/// progress bar without the download code knowing about the console.
/// </summary>
/// <param name="File">Repository path of the file being downloaded.</param>
/// <param name="BytesDone">Bytes on disk so far, including those of a resumed partial download.</param>
/// <param name="BytesTotal">Full size when the hub or the file listing told it; null otherwise.</param>
public sealed record DownloadProgress(string File, long BytesDone, long? BytesTotal);
