using System.Net;

namespace Mlops.Data.Hub;

/// <summary>
/// Downloads files of a Hugging Face hub repository into a local cache, the way the Python
/// <c>huggingface_hub</c> library does: same URL layout, SHA-256 verification against the hub's LFS
/// metadata, resumable <c>.incomplete</c> downloads (HTTP Range), atomic placement, offline mode and
/// user-facing <see cref="DataException"/>s instead of raw HTTP errors. The course's Python code got
/// this from <c>datasets.load_dataset("glue", "cola")</c>; here it is explicit and testable.
/// </summary>
public sealed class HuggingFaceHubClient
{
    /// <summary>Size of the copy buffer and the interval between progress reports.</summary>
    public const int BufferSize = 1 << 20;

    private readonly HubHttp _http;
    private readonly HubCache _cache;
    private readonly HubTreeLister _tree;
    private readonly IProgress<DownloadProgress>? _progress;
    private readonly string _endpoint;

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
        _http = new HubHttp(httpClient, options, endpointUri);
        _cache = new HubCache(options);
        _tree = new HubTreeLister(_http, options, _endpoint);
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
    public string GetCachePath(string repoId, string repoType, string path) => _cache.GetPath(repoId, repoType, path);

    /// <summary>The folder that caches the repository's files at the configured revision.</summary>
    public string GetCacheFolder(string repoId, string repoType) => _cache.RepoFolder(repoId, repoType);

    /// <summary>The hub URL of a file: <c>{endpoint}/datasets/{repo}/resolve/{revision}/{path}</c>.</summary>
    public string GetFileUrl(string repoId, string repoType, string path)
    {
        var prefix = HubRepoPath.UrlPrefix(repoId, repoType);
        return $"{_endpoint}/{prefix}{repoId}/resolve/{Uri.EscapeDataString(Options.Revision)}/{HubRepoPath.Escape(HubRepoPath.Split(path, allowEmpty: false))}";
    }

    /// <summary>
    /// Lists the files directly inside <paramref name="pathPrefix"/> (a folder of the repository, "" for
    /// the root) through <c>{endpoint}/api/{repoType}/{repo}/tree/{revision}/{path}</c>; LFS files carry
    /// their SHA-256; a folder the repository lacks has none. Offline, the cached files of that folder are listed instead.
    /// </summary>
    public async Task<IReadOnlyList<HubFile>> ListFilesAsync(
        string repoId, string repoType, string pathPrefix = "", CancellationToken cancellationToken = default)
    {
        var folder = HubRepoPath.Split(pathPrefix, allowEmpty: true);
        HubRepoPath.Validate(repoId, repoType);
        if (Options.Offline) return _cache.ListFiles(repoId, repoType, folder);
        return await _tree.ListAsync(repoId, repoType, folder, cancellationToken);
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
        var expectedHash = HubSha256.Normalize(file.Sha256);
        if (file.Sha256 is not null && expectedHash is null)
        {
            throw new ArgumentException($"'{file.Sha256}' is not a SHA-256 (64 hex digits).", nameof(file));
        }

        var cached = await HubCache.CheckAsync(finalPath, file, expectedHash, cancellationToken);
        if (cached == HubCacheState.Valid) return finalPath;

        if (Options.Offline)
        {
            if (cached == HubCacheState.Missing)
            {
                throw new DataException(
                    $"'{file.Path}' of '{repoId}' is not in the hub cache ('{finalPath}') and offline mode is on (data.offline=true or HF_HUB_OFFLINE=1).",
                    $"Turn offline mode off (HF_HUB_OFFLINE=0 and data.offline=false) to download it from '{url}'; it stays in the cache for offline use.");
            }
            throw new DataException(
                $"The cached '{finalPath}' does not match the expected SHA-256 or size of '{file.Path}' and offline mode is on (data.offline=true or HF_HUB_OFFLINE=1).",
                "Turn offline mode off (HF_HUB_OFFLINE=0 and data.offline=false) to download it again.");
        }

        var partialPath = HubCache.PartialPath(finalPath);
        var downloader = new HubDownloader(_http, _progress, StallTimeout);
        var actualHash = await downloader.DownloadAsync(url, file, partialPath, expectedHash, cancellationToken);
        await HubCache.CommitAsync(partialPath, finalPath, actualHash, cancellationToken);
        return finalPath;
    }
}
