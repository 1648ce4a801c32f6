using System.Net;
using System.Net.Sockets;
using Mlops.Data.Hub;

namespace Mlops.Data.Tests.Hub;

// LocalHubServer is a real HTTP server (HttpListener on 127.0.0.1) standing in for huggingface.co:
// this machine has no internet, and a real socket exercises the same HTTP code paths (Range, 206/416,
// redirects, status codes) that the hub does.
public sealed class HuggingFaceHubClientTests : IAsyncLifetime
{
    private const string Repo = "nyu-mll/glue";
    private const string FilePath = "cola/train-00000-of-00001.parquet";

    private readonly string _cache = Directory.CreateTempSubdirectory("mlops-hub-cache-").FullName;
    private readonly LocalHubServer _server = new();
    private readonly HttpClient _http = HuggingFaceHubClient.CreateHttpClient(TimeSpan.FromSeconds(30));
    private readonly RecordingProgress _progress = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    private HuggingFaceHubClient Client(bool offline = false, string? token = null, string? endpoint = null) =>
        new(_http, new HubOptions { Endpoint = endpoint ?? _server.Endpoint, CacheDir = _cache, Offline = offline, Token = token }, _progress);

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(42).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task DownloadVerifiesWithTheLinkedEtagAndTheSecondCallMakesNoRequest()
    {
        var content = RandomBytes(3 * HuggingFaceHubClient.BufferSize + 123);
        _server.AddFile(FilePath, content);
        var client = Client(token: "hf_secret");

        var path = await client.DownloadAsync(Repo, "datasets", new HubFile(FilePath));

        Assert.Equal(client.GetCachePath(Repo, "datasets", FilePath), path);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(path + ".incomplete"));
        var request = Assert.Single(_server.Requests);
        Assert.Equal($"/datasets/{Repo}/resolve/main/{FilePath}", request.Path);
        Assert.Null(request.Range);
        Assert.Equal("Bearer hf_secret", request.Authorization);
        Assert.Equal(new DownloadProgress(FilePath, content.Length, content.Length), _progress.Reports[^1]);
        // Reports start at 0 and come at least a buffer apart (reads return at most a buffer, in chunks the
        // network picks), so 3 buffers + 123 bytes give at least 3 reports, whatever the chunking.
        var reports = _progress.Reports;
        Assert.Equal(0, reports[0].BytesDone);
        Assert.True(reports.Count >= 3, $"{reports.Count} reports");
        for (var i = 1; i < reports.Count - 1; i++)
            Assert.True(reports[i].BytesDone - reports[i - 1].BytesDone >= HuggingFaceHubClient.BufferSize);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.BytesDone > p.First.BytesDone));

        var again = await client.DownloadAsync(Repo, "datasets", new HubFile(FilePath, LocalHubServer.Sha256(content), content.Length));

        Assert.Equal(path, again);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task PartialDownloadIsResumedWithARangeRequest()
    {
        var content = RandomBytes(2 * HuggingFaceHubClient.BufferSize + 7);
        _server.AddFile(FilePath, content);
        var client = Client();
        var final = client.GetCachePath(Repo, "datasets", FilePath);
        const int already = 1_000_000;
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        await File.WriteAllBytesAsync(final + ".incomplete", content[..already]);

        var path = await client.DownloadAsync(Repo, "datasets", new HubFile(FilePath, LocalHubServer.Sha256(content), content.Length));

        var request = Assert.Single(_server.Requests);
        Assert.Equal($"bytes={already}-", request.Range);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(final + ".incomplete"));
        Assert.Equal(already, _progress.Reports[0].BytesDone);
    }

    [Fact]
    public async Task ServerIgnoringRangeRestartsFromTheFirstByte()
    {
        var content = RandomBytes(50_000);
        _server.AddFile(FilePath, content);
        _server.IgnoreRange = true;
        var client = Client();
        var final = client.GetCachePath(Repo, "datasets", FilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        await File.WriteAllBytesAsync(final + ".incomplete", content[..20_000]);

        var path = await client.DownloadAsync(Repo, "datasets", new HubFile(FilePath));

        Assert.Equal("bytes=20000-", Assert.Single(_server.Requests).Range);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task CompletePartialFileAnswered416IsVerifiedAndMovedIntoPlace()
    {
        var content = RandomBytes(10_000);
        _server.AddFile(FilePath, content);
        var client = Client();
        var final = client.GetCachePath(Repo, "datasets", FilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        await File.WriteAllBytesAsync(final + ".incomplete", content);

        var path = await client.DownloadAsync(Repo, "datasets", new HubFile(FilePath, LocalHubServer.Sha256(content)));

        Assert.Equal("bytes=10000-", Assert.Single(_server.Requests).Range);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(final + ".incomplete"));
    }

    [Fact]
    public async Task HashMismatchDeletesTheDownloadAndNamesBothHashes()
    {
        var content = RandomBytes(10_000);
        _server.AddFile(FilePath, content);
        var client = Client();
        var wrong = new string('a', 64);

        var error = await Assert.ThrowsAsync<DataException>(() => client.DownloadAsync(Repo, "datasets", new HubFile(FilePath, wrong)));

        Assert.Contains(FilePath, error.Message);
        Assert.Contains(wrong, error.Message);
        Assert.Contains(LocalHubServer.Sha256(content), error.Message);
        var final = client.GetCachePath(Repo, "datasets", FilePath);
        Assert.False(File.Exists(final));
        Assert.False(File.Exists(final + ".incomplete"));
    }

    [Fact]
    public async Task CorruptPartialFileFailsVerificationAndTheNextRunStartsAfresh()
    {
        var content = RandomBytes(10_000);
        _server.AddFile(FilePath, content);
        var client = Client();
        var final = client.GetCachePath(Repo, "datasets", FilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        await File.WriteAllBytesAsync(final + ".incomplete", new byte[4_000]);

        // No expected hash given: the X-Linked-Etag of the response is used.
        await Assert.ThrowsAsync<DataException>(() => client.DownloadAsync(Repo, "datasets", new HubFile(FilePath)));
        Assert.False(File.Exists(final + ".incomplete"));

        var path = await client.DownloadAsync(Repo, "datasets", new HubFile(FilePath));
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task CachedFileThatNoLongerMatchesIsDownloadedAgain()
    {
        var content = RandomBytes(10_000);
        _server.AddFile(FilePath, content);
        var client = Client();
        var path = await client.DownloadAsync(Repo, "datasets", new HubFile(FilePath));
        await File.WriteAllBytesAsync(path, new byte[10_000]);

        await client.DownloadAsync(Repo, "datasets", new HubFile(FilePath));

        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task RedirectToTheCdnIsFollowedAndItsLinkedEtagVerifiesTheFile()
    {
        var content = RandomBytes(10_000);
        _server.AddFile(FilePath, content);
        _server.RedirectToCdn = true;
        var client = Client();
        var final = client.GetCachePath(Repo, "datasets", FilePath);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        await File.WriteAllBytesAsync(final + ".incomplete", new byte[4_000]);

        // The hash is only on the redirect response, so the corrupt partial file must be caught by it.
        await Assert.ThrowsAsync<DataException>(() => client.DownloadAsync(Repo, "datasets", new HubFile(FilePath)));
        var path = await client.DownloadAsync(Repo, "datasets", new HubFile(FilePath));

        Assert.Equal(content, await File.ReadAllBytesAsync(path));
        Assert.Equal(
            [$"/datasets/{Repo}/resolve/main/{FilePath}", $"/cdn/{FilePath}", $"/datasets/{Repo}/resolve/main/{FilePath}", $"/cdn/{FilePath}"],
            _server.Requests.Select(r => r.Path));
        Assert.Equal("bytes=4000-", _server.Requests.ElementAt(1).Range);
    }

    [Fact]
    public async Task OfflineWithEmptyCacheNamesTheFileAndHowToGetIt()
    {
        _server.AddFile(FilePath, RandomBytes(100));
        var client = Client(offline: true);

        var error = await Assert.ThrowsAsync<DataException>(() => client.DownloadAsync(Repo, "datasets", new HubFile(FilePath)));

        Assert.Contains($"'{FilePath}'", error.Message);
        Assert.Contains("HF_HUB_OFFLINE=0", error.Hint);
        Assert.Contains($"/resolve/main/{FilePath}'", error.Hint);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task OfflineUsesTheCachedFile()
    {
        var content = RandomBytes(100);
        _server.AddFile(FilePath, content);
        var path = await Client().DownloadAsync(Repo, "datasets", new HubFile(FilePath));

        var offline = await Client(offline: true).DownloadAsync(Repo, "datasets", new HubFile(FilePath));

        Assert.Equal(path, offline);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task NotFoundNamesTheUrlAndTheStatus()
    {
        var client = Client();

        var error = await Assert.ThrowsAsync<DataException>(() => client.DownloadAsync(Repo, "datasets", new HubFile("cola/missing.parquet")));

        Assert.Contains($"'{_server.Endpoint}/datasets/{Repo}/resolve/main/cola/missing.parquet'", error.Message);
        Assert.Contains("404", error.Message);
        Assert.NotNull(error.Hint);
        Assert.False(File.Exists(client.GetCachePath(Repo, "datasets", "cola/missing.parquet")));
    }

    [Fact]
    public async Task ConnectionRefusedIsADataExceptionWithTheUrl()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var client = Client(endpoint: $"http://127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<DataException>(() => client.DownloadAsync(Repo, "datasets", new HubFile(FilePath)));

        Assert.Contains($"'http://127.0.0.1:{port}/datasets/{Repo}/resolve/main/{FilePath}'", error.Message);
        Assert.Contains("HF_HUB_OFFLINE=1", error.Hint);
    }

    [Fact]
    public async Task ListFilesTakesTheSha256FromLfsOid()
    {
        var train = RandomBytes(1_000);
        var validation = RandomBytes(500);
        _server.AddFile("cola/train-00000-of-00001.parquet", train);
        _server.AddFile("cola/validation-00000-of-00001.parquet", validation);
        _server.AddFile("sst2/train-00000-of-00001.parquet", RandomBytes(10));

        var files = await Client().ListFilesAsync(Repo, "datasets", "cola");

        Assert.Equal(
            [
                new HubFile("cola/train-00000-of-00001.parquet", LocalHubServer.Sha256(train), train.Length),
                new HubFile("cola/validation-00000-of-00001.parquet", LocalHubServer.Sha256(validation), validation.Length),
            ],
            files);
        Assert.Equal($"/api/datasets/{Repo}/tree/main/cola", Assert.Single(_server.Requests).Path);
    }

    [Fact]
    public async Task PathsThatLeaveTheCacheAreRefused()
    {
        var error = await Assert.ThrowsAsync<DataException>(() => Client().DownloadAsync(Repo, "datasets", new HubFile("../../etc/passwd")));

        Assert.Contains("'../../etc/passwd'", error.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void OptionsComeFromTheHuggingFaceEnvironmentVariables()
    {
        var env = new Dictionary<string, string>
        {
            ["HF_ENDPOINT"] = "http://mirror.local:8080/",
            ["MLOPS_CACHE"] = "/data/cache",
            ["HF_HUB_OFFLINE"] = "1",
            ["HF_TOKEN"] = "hf_abc",
        };

        var options = HubOptions.FromEnvironment(name => env.GetValueOrDefault(name));
        var defaults = HubOptions.FromEnvironment(_ => null);

        Assert.Equal(new HubOptions { Endpoint = "http://mirror.local:8080", CacheDir = "/data/cache", Offline = true, Token = "hf_abc" }, options);
        Assert.Equal("https://huggingface.co", defaults.Endpoint);
        Assert.EndsWith(Path.Combine(".cache", "mlops", "hub"), defaults.CacheDir);
        Assert.False(defaults.Offline);
        Assert.Null(defaults.Token);
        Assert.Equal("main", defaults.Revision);
        Assert.DoesNotContain("hf_abc", options.ToString());
    }
}

/// <summary>Collects progress reports synchronously (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
internal sealed class RecordingProgress : IProgress<DownloadProgress>
{
    private readonly List<DownloadProgress> _reports = [];

    public IReadOnlyList<DownloadProgress> Reports
    {
        get
        {
            lock (_reports) return _reports.ToList();
        }
    }

    public void Report(DownloadProgress value)
    {
        lock (_reports) _reports.Add(value);
    }
}
