using System.Net;

namespace Mlops.Data.Hub;

/// <summary>Fetches one file into its partial file, resuming with HTTP Range and catching stalls, and verifies its SHA-256 and size.</summary>
internal sealed class HubDownloader(HubHttp http, IProgress<DownloadProgress>? progress, TimeSpan stallTimeout)
{
    private const int BufferSize = HuggingFaceHubClient.BufferSize;

    /// <summary>
    /// Downloads <paramref name="url"/> into <paramref name="partialPath"/>, resuming after the bytes a
    /// previous run left there, and returns the SHA-256 of the result once it matches the expected hash
    /// (or, with no hash known, the expected size). A corrupt result is deleted.
    /// </summary>
    public async Task<string> DownloadAsync(
        string url, HubFile file, string partialPath, string? expectedHash, CancellationToken cancellationToken)
    {
        FileStream partial;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(partialPath)!);
            partial = new FileStream(partialPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, BufferSize, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException(
                $"Cannot write the download '{partialPath}': {e.Message}",
                "Another mlops process may be downloading the same file (wait for it), or the cache folder is not writable (set MLOPS_CACHE to another folder).",
                e);
        }

        long? expectedSize;
        await using (partial)
        {
            (expectedHash, expectedSize) = await FetchAsync(url, file, partial, expectedHash, cancellationToken);
        }

        var actualHash = await HubSha256.HashFileAsync(partialPath, cancellationToken);
        if (expectedHash is not null && !string.Equals(actualHash, expectedHash, StringComparison.Ordinal))
        {
            File.Delete(partialPath);
            throw new DataException(
                $"The download of '{file.Path}' from '{url}' is corrupt: SHA-256 {actualHash}, expected {expectedHash}. The partial file was deleted.",
                "Run the command again to download it afresh; if it fails again, a proxy or the mirror (HF_ENDPOINT) serves a different file.");
        }
        var actualSize = new FileInfo(partialPath).Length;
        if (expectedHash is null && expectedSize is long size && actualSize != size)
        {
            File.Delete(partialPath);
            throw new DataException(
                $"The download of '{file.Path}' from '{url}' has {actualSize} bytes, expected {size}. The partial file was deleted.",
                "Run the command again to download it afresh.");
        }
        return actualHash;
    }

    /// <summary>Writes the file's bytes into <paramref name="partial"/>, resuming after its current length.</summary>
    private async Task<(string? Hash, long? Size)> FetchAsync(
        string url, HubFile file, FileStream partial, string? expectedHash, CancellationToken cancellationToken)
    {
        var offset = partial.Length;
        using var response = await http.SendAsync(url, offset > 0 ? offset : null, cancellationToken);
        var message = response.Message;
        expectedHash ??= response.Sha256FromHeaders();
        var total = file.Size ?? response.LinkedSize;

        switch (message.StatusCode)
        {
            case HttpStatusCode.RequestedRangeNotSatisfiable when offset > 0:
                // The partial file already holds every byte (or more): the hash check decides.
                total ??= message.Content.Headers.ContentRange?.Length;
                progress?.Report(new DownloadProgress(file.Path, offset, total));
                return (expectedHash, total);
            case HttpStatusCode.PartialContent when offset > 0:
                var range = message.Content.Headers.ContentRange;
                if (range?.From != offset)
                {
                    partial.SetLength(0);
                    throw new DataException(
                        $"'{url}' answered the request for bytes {offset}- with the range '{range}'; the partial download was discarded.",
                        "Run the command again to download the file from the start.");
                }
                total ??= range.Length;
                partial.Seek(offset, SeekOrigin.Begin);
                break;
            case HttpStatusCode.OK:
                // Fresh download, or a server that ignores Range: start over.
                offset = 0;
                partial.SetLength(0);
                total ??= message.Content.Headers.ContentLength;
                break;
            default:
                throw HubHttp.Error(url, message, "Downloading");
        }

        await CopyBodyAsync(url, file, message, partial, offset, total, cancellationToken);
        return (expectedHash, total);
    }

    private async Task CopyBodyAsync(
        string url, HubFile file, HttpResponseMessage message, FileStream partial, long offset, long? total, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        var done = offset;
        var reported = done;
        progress?.Report(new DownloadProgress(file.Path, done, total));
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await using var body = await message.Content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                stall.CancelAfter(stallTimeout);
                var read = await body.ReadAsync(buffer, stall.Token);
                if (read == 0) break;
                try
                {
                    await partial.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                catch (IOException e)
                {
                    throw new DataException($"Writing '{partial.Name}' failed: {e.Message}", "Free disk space or set MLOPS_CACHE to another folder.", e);
                }
                done += read;
                if (done - reported >= BufferSize)
                {
                    progress?.Report(new DownloadProgress(file.Path, done, total));
                    reported = done;
                }
            }
            await partial.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DataException(
                $"The download of '{url}' stalled for {stallTimeout.TotalSeconds:0} s after {done} bytes.",
                $"Run the command again to resume from '{partial.Name}'.", e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new DataException(
                $"The download of '{url}' was interrupted after {done} bytes: {e.Message}",
                $"Run the command again to resume from '{partial.Name}'.", e);
        }
        if (done != reported) progress?.Report(new DownloadProgress(file.Path, done, total));
    }
}
