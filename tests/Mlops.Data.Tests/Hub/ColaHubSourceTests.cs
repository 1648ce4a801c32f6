using Mlops.Data.Hub;

namespace Mlops.Data.Tests.Hub;

// LocalHubServer is a real HTTP server (HttpListener on 127.0.0.1) standing in for huggingface.co,
// because this machine has no internet; it serves parquet files written here with GLUE CoLA's schema.
public sealed class ColaHubSourceTests : IAsyncLifetime
{
    private readonly string _cache = Directory.CreateTempSubdirectory("mlops-cola-hub-").FullName;
    private readonly LocalHubServer _server = new();
    private readonly HttpClient _http = HuggingFaceHubClient.CreateHttpClient(TimeSpan.FromSeconds(30));

    public async Task InitializeAsync()
    {
        _server.AddFile("cola/train-00000-of-00002.parquet", await GlueParquetFiles.WriteAsync(GlueParquetFiles.Train[..4]));
        _server.AddFile("cola/train-00001-of-00002.parquet", await GlueParquetFiles.WriteAsync(GlueParquetFiles.Train[4..]));
        _server.AddFile("cola/validation-00000-of-00001.parquet", await GlueParquetFiles.WriteAsync(GlueParquetFiles.Validation));
        var unlabelled = GlueParquetFiles.Validation.Select(r => r with { Label = -1 }).ToList();
        _server.AddFile("cola/test-00000-of-00001.parquet", await GlueParquetFiles.WriteAsync(unlabelled));
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    private ColaHubSource Source(bool offline = false) =>
        new(new HuggingFaceHubClient(_http, new HubOptions { Endpoint = _server.Endpoint, CacheDir = _cache, Offline = offline }));

    [Fact]
    public async Task LoadsTrainAndValidationFromTheHubAndThenFromTheCache()
    {
        var splits = await Source().LoadAsync();

        Assert.Equal("cola-hub", splits.Name);
        Assert.Equal(["unacceptable", "acceptable"], splits.LabelNames);
        Assert.Equal(GlueParquetFiles.Train, splits.Train);
        Assert.Equal(["validation"], splits.ValidationParts.Keys);
        Assert.Equal(GlueParquetFiles.Validation, splits.Validation);
        Assert.Equal(
            [
                "/api/datasets/nyu-mll/glue/tree/main",
                "/api/datasets/nyu-mll/glue/tree/main/cola",
                "/datasets/nyu-mll/glue/resolve/main/cola/train-00000-of-00002.parquet",
                "/datasets/nyu-mll/glue/resolve/main/cola/train-00001-of-00002.parquet",
                "/datasets/nyu-mll/glue/resolve/main/cola/validation-00000-of-00001.parquet",
            ],
            _server.Requests.Select(r => r.Path));

        var again = await Source().LoadAsync();

        Assert.Equal(splits.Train, again.Train);
        Assert.Equal(3, _server.ResolveRequests.Count());
        Assert.Equal(7, _server.Requests.Count); // only the listings again
    }

    [Fact]
    public async Task OfflineLoadsFromTheCacheWithoutAnyRequest()
    {
        var online = await Source().LoadAsync();
        var requests = _server.Requests.Count;

        var offline = await Source(offline: true).LoadAsync();

        Assert.Equal(online.Train, offline.Train);
        Assert.Equal(online.Validation, offline.Validation);
        Assert.Equal(requests, _server.Requests.Count);
    }

    [Fact]
    public async Task OfflineWithEmptyCacheIsADataException()
    {
        var error = await Assert.ThrowsAsync<DataException>(() => Source(offline: true).LoadAsync());

        Assert.Contains("nyu-mll/glue", error.Message);
        Assert.Contains("HF_HUB_OFFLINE=0", error.Hint);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task MissingValidationFilesAreNamed()
    {
        await using var server = new LocalHubServer();
        server.AddFile("cola/train-00000-of-00001.parquet", await GlueParquetFiles.WriteAsync(GlueParquetFiles.Train));
        var source = new ColaHubSource(new HuggingFaceHubClient(_http, new HubOptions { Endpoint = server.Endpoint, CacheDir = _cache }));

        var error = await Assert.ThrowsAsync<DataException>(() => source.LoadAsync());

        Assert.Contains("'cola/validation-*.parquet'", error.Message);
        Assert.Contains("'cola/train-00000-of-00001.parquet'", error.Message);
    }
}
