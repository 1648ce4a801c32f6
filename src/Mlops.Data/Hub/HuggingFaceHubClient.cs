using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mlops.Core;

namespace Mlops.Data.Hub;

/// <summary>
/// Downloads files of a Hugging Face hub repository into a local cache, the way the Python
/// <c>huggingface_hub</c> library does: same URL layout, SHA-256 verification against the hub's LFS
/// metadata, resumable <c>.incomplete</c> downloads (HTTP Range), atomic placement, offline mode and
/// user-facing <see cref="DataException"/>s instead of raw HTTP errors. The course's Python code got
/// this from <c>datasets.load_dataset("glue", "cola")</c>; here it is explicit and testable.
/// </summary>
public sealed partial class HuggingFaceHubClient
{
    /// <summary>Size of the copy buffer and the interval between progress reports.</summary>
    public const int BufferSize = 1 << 20;

    private const int MaxRedirects = 10;
    private const int MaxPages = 1000;
    private const string IncompleteSuffix = ".incomplete";
    private const string HashSuffix = ".sha256";

    private const string OfflineHint =
        "Check the network connection, or set HF_HUB_OFFLINE=1 to use files cached earlier, or pass --data-dir with local TSV files.";

    private readonly HttpClient _http;
    private readonly IProgress<DownloadProgress>? _progress;
    private readonly string _endpoint;
    private readonly Uri _endpointUri;

    /// <param name="httpClient">
    /// Client for all requests. One made by <see cref="CreateHttpClient"/> lets this class follow the
    /// hub's redirects itself and so read the <c>X-Linked-Etag</c> (SHA-256) of the redirect response.
    /// </param>
    /// <param name="options">Endpoint, cache folder, offline mode, token and revision.</param>
    /// <param name="progress">Receives byte counts while files download; null for none.</param>
    public HuggingFaceHubClient(HttpClient httpClient, HubOptions options, IProgress<DownloadProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        Options = options;
        _progress = progress;
        _endpoint = options.Endpoint.Trim().TrimEnd('/');
        if (!Uri.TryCreate(_endpoint, UriKind.Absolute, out var endpointUri)
            || (endpointUri.Scheme != Uri.UriSchemeHttp && endpointUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new DataException(
                $"The hub endpoint '{options.Endpoint}' is not an absolute http(s) URL.",
                $"Set HF_ENDPOINT to a URL such as '{HubOptions.DefaultEndpoint}', or unset it.");
        }
        _endpointUri = endpointUri;
    }

    public HubOptions Options { get; }

    /// <summary>A download that receives no byte for this long fails (the partial file is kept for resuming).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// An <see cref="HttpClient"/> suited to the hub: redirects are left to <see cref="HuggingFaceHubClient"/>
    /// (so the hash headers of the first response are seen and the token never goes to the CDN) and no
    /// transparent decompression (byte ranges must count raw bytes).
    /// </summary>
    public static HttpClient CreateHttpClient(TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(100),
        };

    /// <summary>
    /// Where <paramref name="path"/> of the repository is cached:
    /// <c>{CacheDir}/{repoType}--{owner}--{name}/{revision}/{path}</c>.
    /// </summary>
    public string GetCachePath(string repoId, string repoType, string path)
    {
        var segments = SplitRepoPath(path, allowEmpty: false);
        return Path.Combine([RepoCacheFolder(repoId, repoType), .. segments]);
    }

    /// <summary>The hub URL of a file: <c>{endpoint}/datasets/{repo}/resolve/{revision}/{path}</c>.</summary>
    public string GetFileUrl(string repoId, string repoType, string path)
    {
        var prefix = RepoUrlPrefix(repoId, repoType);
        return $"{_endpoint}/{prefix}{repoId}/resolve/{Uri.EscapeDataString(Options.Revision)}/{EscapePath(SplitRepoPath(path, allowEmpty: false))}";
    }

    /// <summary>
    /// Lists the files directly inside <paramref name="pathPrefix"/> (a folder of the repository, "" for
    /// the root) through <c>{endpoint}/api/{repoType}/{repo}/tree/{revision}/{path}</c>; LFS files carry
    /// their SHA-256. Offline, the cached files of that folder are listed instead.
    /// </summary>
    public async Task<IReadOnlyList<HubFile>> ListFilesAsync(
        string repoId, string repoType, string pathPrefix = "", CancellationToken cancellationToken = default)
    {
        var folder = SplitRepoPath(pathPrefix, allowEmpty: true);
        var repoFolder = RepoCacheFolder(repoId, repoType);
        if (Options.Offline) return ListCachedFiles(repoId, repoFolder, folder);

        var url = $"{_endpoint}/api/{repoType}/{repoId}/tree/{Uri.EscapeDataString(Options.Revision)}";
        if (folder.Length > 0) url += "/" + EscapePath(folder);

        var files = new List<HubFile>();
        string? page = url;
        for (var pages = 0; page is not null && pages < MaxPages; pages++)
        {
            using var response = await SendAsync(page, rangeFrom: null, cancellationToken);
            if (response.Message.StatusCode != HttpStatusCode.OK) throw HttpError(page, response.Message, "Listing files at");
            string json;
            try
            {
                json = await response.Message.Content.ReadAsStringAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw new DataException($"Reading the file list from '{page}' failed: {e.Message}", OfflineHint, e);
            }
            ParseTree(json, page, files);
            page = NextPage(response.Message, response.Url);
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    /// <summary>
    /// Returns the local path of <paramref name="file"/>, downloading it first unless the cache already
    /// holds a verified copy (then no request is made). A partial download left by an interrupted run is
    /// resumed; the result is checked against the expected SHA-256 before it is moved into place.
    /// </summary>
    public async Task<string> DownloadAsync(
        string repoId, string repoType, HubFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var finalPath = GetCachePath(repoId, repoType, file.Path);
        var url = GetFileUrl(repoId, repoType, file.Path);
        var expectedHash = NormalizeSha256(file.Sha256);
        if (file.Sha256 is not null && expectedHash is null)
        {
            throw new ArgumentException($"'{file.Sha256}' is not a SHA-256 (64 hex digits).", nameof(file));
        }

        var cached = await CheckCacheAsync(finalPath, file, expectedHash, cancellationToken);
        if (cached == CacheState.Valid) return finalPath;

        if (Options.Offline)
        {
            if (cached == CacheState.Missing)
            {
                throw new DataException(
                    $"'{file.Path}' of '{repoId}' is not in the hub cache ('{finalPath}') and offline mode is on (HF_HUB_OFFLINE=1).",
                    $"Set HF_HUB_OFFLINE=0 to download it from '{url}', or pass --data-dir with local TSV files.");
            }
            throw new DataException(
                $"The cached '{finalPath}' does not match the expected SHA-256 or size of '{file.Path}' and offline mode is on (HF_HUB_OFFLINE=1).",
                "Set HF_HUB_OFFLINE=0 to download it again, or pass --data-dir with local TSV files.");
        }

        var partialPath = finalPath + IncompleteSuffix;
        FileStream partial;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
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

        var actualHash = await HashFileAsync(partialPath, cancellationToken);
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

        File.Move(partialPath, finalPath, overwrite: true);
        await AtomicFile.WriteAllTextAsync(finalPath + HashSuffix, actualHash + "\n", cancellationToken);
        return finalPath;
    }

    private enum CacheState { Missing, Valid, Invalid }

    private static async Task<CacheState> CheckCacheAsync(string finalPath, HubFile file, string? expectedHash, CancellationToken cancellationToken)
    {
        if (!File.Exists(finalPath)) return CacheState.Missing;
        if (file.Size is long size && new FileInfo(finalPath).Length != size) return CacheState.Invalid;
        expectedHash ??= await ReadSidecarHashAsync(finalPath, cancellationToken);
        if (expectedHash is null) return CacheState.Valid;
        var actual = await HashFileAsync(finalPath, cancellationToken);
        return actual == expectedHash ? CacheState.Valid : CacheState.Invalid;
    }

    /// <summary>Writes the file's bytes into <paramref name="partial"/>, resuming after its current length.</summary>
    private async Task<(string? Hash, long? Size)> FetchAsync(
        string url, HubFile file, FileStream partial, string? expectedHash, CancellationToken cancellationToken)
    {
        var offset = partial.Length;
        using var response = await SendAsync(url, offset > 0 ? offset : null, cancellationToken);
        var message = response.Message;
        expectedHash ??= HashFromHeaders(response);
        var total = file.Size ?? response.LinkedSize;

        switch (message.StatusCode)
        {
            case HttpStatusCode.RequestedRangeNotSatisfiable when offset > 0:
                // The partial file already holds every byte (or more): the hash check decides.
                total ??= message.Content.Headers.ContentRange?.Length;
                _progress?.Report(new DownloadProgress(file.Path, offset, total));
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
                throw HttpError(url, message, "Downloading");
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
        _progress?.Report(new DownloadProgress(file.Path, done, total));
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await using var body = await message.Content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                stall.CancelAfter(StallTimeout);
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
                    _progress?.Report(new DownloadProgress(file.Path, done, total));
                    reported = done;
                }
            }
            await partial.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DataException(
                $"The download of '{url}' stalled for {StallTimeout.TotalSeconds:0} s after {done} bytes.",
                $"Run the command again to resume from '{partial.Name}'.", e);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new DataException(
                $"The download of '{url}' was interrupted after {done} bytes: {e.Message}",
                $"Run the command again to resume from '{partial.Name}'.", e);
        }
        if (done != reported) _progress?.Report(new DownloadProgress(file.Path, done, total));
    }

    /// <summary>Sends a GET, following redirects itself and collecting the hub's <c>X-Linked-*</c> headers on the way.</summary>
    private async Task<HubResponse> SendAsync(string url, long? rangeFrom, CancellationToken cancellationToken)
    {
        var uri = new Uri(url);
        string? linkedEtag = null;
        long? linkedSize = null;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (rangeFrom is long from) request.Headers.Range = new RangeHeaderValue(from, null);
            if (Options.Token is { Length: > 0 } token && IsEndpointOrigin(uri))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new DataException($"Could not reach '{url}': {e.Message}", OfflineHint, e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DataException($"The request to '{url}' timed out.", OfflineHint, e);
            }

            linkedEtag ??= FirstHeader(response, "X-Linked-Etag");
            if (linkedSize is null && long.TryParse(FirstHeader(response, "X-Linked-Size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                linkedSize = size;
            }

            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (hop >= MaxRedirects) throw new DataException($"'{url}' redirected more than {MaxRedirects} times.", OfflineHint);
                uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
                continue;
            }
            return new HubResponse(response, uri, linkedEtag, linkedSize);
        }
    }

    private sealed class HubResponse(HttpResponseMessage message, Uri url, string? linkedEtag, long? linkedSize) : IDisposable
    {
        public HttpResponseMessage Message { get; } = message;
        public Uri Url { get; } = url;
        public string? LinkedEtag { get; } = linkedEtag;
        public long? LinkedSize { get; } = linkedSize;
        public void Dispose() => Message.Dispose();
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private bool IsEndpointOrigin(Uri uri) =>
        Uri.Compare(uri, _endpointUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>The hub puts the LFS SHA-256 in <c>X-Linked-Etag</c> (quoted); a plain <c>ETag</c> counts only when it is a SHA-256.</summary>
    private static string? HashFromHeaders(HubResponse response) =>
        NormalizeSha256(response.LinkedEtag) ?? NormalizeSha256(FirstHeader(response.Message, "ETag"));

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string? NormalizeSha256(string? value)
    {
        if (value is null) return null;
        var v = value.Trim();
        if (v.StartsWith("W/", StringComparison.Ordinal)) v = v[2..];
        v = v.Trim('"').ToLowerInvariant();
        return Sha256Regex().IsMatch(v) ? v : null;
    }

    private static DataException HttpError(string url, HttpResponseMessage response, string what)
    {
        var status = response.StatusCode;
        var detail = FirstHeader(response, "X-Error-Message");
        var hint = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                "The repository is private or gated: set HF_TOKEN to an access token that may read it.",
            HttpStatusCode.NotFound =>
                "Check the repository id, the revision and the file path; a mirror set with HF_ENDPOINT may lack the file.",
            HttpStatusCode.TooManyRequests => "The hub limits the request rate: wait a minute and try again, or set HF_TOKEN.",
            _ when (int)status >= 500 => "The hub has a problem: " + OfflineHint,
            _ => null,
        };
        return new DataException(
            $"{what} '{url}' failed: HTTP {(int)status} {response.ReasonPhrase}{(detail is null ? "" : $" ({detail})")}.", hint);
    }

    private static void ParseTree(string json, string url, List<HubFile> files)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("expected a JSON array");
            foreach (var entry in document.RootElement.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object) continue;
                if (!entry.TryGetProperty("type", out var type) || type.GetString() != "file") continue;
                var path = entry.GetProperty("path").GetString() ?? throw new JsonException("a file without a path");
                SplitRepoPath(path, allowEmpty: false);
                long? size = entry.TryGetProperty("size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt64() : null;
                string? sha256 = null;
                if (entry.TryGetProperty("lfs", out var lfs) && lfs.ValueKind == JsonValueKind.Object)
                {
                    if (lfs.TryGetProperty("oid", out var oid)) sha256 = NormalizeSha256(oid.GetString());
                    if (lfs.TryGetProperty("size", out var lfsSize) && lfsSize.ValueKind == JsonValueKind.Number) size = lfsSize.GetInt64();
                }
                files.Add(new HubFile(path, sha256, size));
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new DataException($"'{url}' did not answer with a file list: {e.Message}", "Check HF_ENDPOINT: it must point at a Hugging Face hub (or a mirror of its API).", e);
        }
    }

    /// <summary>The hub pages long listings with <c>Link: &lt;url&gt;; rel="next"</c>.</summary>
    private static string? NextPage(HttpResponseMessage response, Uri current)
    {
        if (!response.Headers.TryGetValues("Link", out var links)) return null;
        foreach (var link in links)
        {
            var match = NextLinkRegex().Match(link);
            if (match.Success) return new Uri(current, match.Groups[1].Value).AbsoluteUri;
        }
        return null;
    }

    private IReadOnlyList<HubFile> ListCachedFiles(string repoId, string repoFolder, string[] folder)
    {
        var dir = Path.Combine([repoFolder, .. folder]);
        var prefix = folder.Length == 0 ? "" : string.Join('/', folder) + "/";
        var files = new List<HubFile>();
        if (Directory.Exists(dir))
        {
            foreach (var path in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(path);
                if (name.EndsWith(IncompleteSuffix, StringComparison.Ordinal) || name.EndsWith(HashSuffix, StringComparison.Ordinal)
                    || name.EndsWith(".tmp", StringComparison.Ordinal))
                {
                    continue;
                }
                var sidecar = path + HashSuffix;
                var sha = File.Exists(sidecar) ? NormalizeSha256(File.ReadAllText(sidecar)) : null;
                files.Add(new HubFile(prefix + name, sha, new FileInfo(path).Length));
            }
        }
        if (files.Count == 0)
        {
            throw new DataException(
                $"'{repoId}/{prefix}' has no files in the hub cache ('{dir}') and offline mode is on (HF_HUB_OFFLINE=1).",
                "Set HF_HUB_OFFLINE=0 to download them, or pass --data-dir with local TSV files.");
        }
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    private static async Task<string?> ReadSidecarHashAsync(string finalPath, CancellationToken cancellationToken)
    {
        var sidecar = finalPath + HashSuffix;
        return File.Exists(sidecar) ? NormalizeSha256(await File.ReadAllTextAsync(sidecar, cancellationToken)) : null;
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private string RepoCacheFolder(string repoId, string repoType)
    {
        ValidateRepo(repoId, repoType);
        return Path.Combine(Options.CacheDir, $"{repoType}--{repoId.Replace("/", "--", StringComparison.Ordinal)}", Uri.EscapeDataString(Options.Revision));
    }

    private static string RepoUrlPrefix(string repoId, string repoType)
    {
        ValidateRepo(repoId, repoType);
        return repoType == "models" ? "" : repoType + "/";
    }

    private static void ValidateRepo(string repoId, string repoType)
    {
        ArgumentNullException.ThrowIfNull(repoId);
        ArgumentNullException.ThrowIfNull(repoType);
        if (repoType is not ("datasets" or "models" or "spaces"))
        {
            throw new ArgumentException($"Repository type '{repoType}' is not one of 'datasets', 'models', 'spaces'.", nameof(repoType));
        }
        if (!RepoIdRegex().IsMatch(repoId) || repoId.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{repoId}' is not a hub repository id such as 'nyu-mll/glue'.", nameof(repoId));
        }
    }

    /// <summary>Splits a repository path into segments, refusing anything that could leave the cache folder.</summary>
    private static string[] SplitRepoPath(string path, bool allowEmpty)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if ((segments.Length == 0 && !allowEmpty) || path.StartsWith('/') || path.Contains('\\')
            || segments.Any(s => s is "." or ".." || s.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0))
        {
            throw new DataException($"'{path}' is not a valid file path inside a hub repository.",
                "Repository paths are relative, use '/' and contain no '..' segments.");
        }
        return segments;
    }

    private static string EscapePath(string[] segments) => string.Join('/', segments.Select(Uri.EscapeDataString));

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Regex();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")]
    private static partial Regex RepoIdRegex();

    [GeneratedRegex("<([^>]+)>\\s*;\\s*rel=\"?next\"?", RegexOptions.IgnoreCase)]
    private static partial Regex NextLinkRegex();
}
