using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Tracking;
using Mlops.Tracking.Sqlite;

namespace Mlops.Ui.Tests;

/// <summary>Base of the dashboard API tests: a fresh SQLite store in a temporary folder, seeded by the test class, served on a free loopback port.</summary>
public abstract class DashboardTest : IAsyncLifetime
{
    protected DirectoryInfo Dir { get; } = Directory.CreateTempSubdirectory("mlops-ui-tests-");
    protected SqliteTrackingStore Store { get; private set; } = null!;
    protected HttpClient Http { get; private set; } = null!;
    private WebApplication _app = null!;

    /// <summary>Fills <see cref="Store"/> before the dashboard starts.</summary>
    protected abstract Task SeedAsync();

    public async Task InitializeAsync()
    {
        Store = SqliteTrackingStore.Open(Path.Combine(Dir.FullName, "mlops.db"));
        await SeedAsync();
        _app = await DashboardServer.StartAsync(Store, Store, new DashboardOptions { Port = 0 }, NullLogger.Instance);
        Http = new HttpClient { BaseAddress = new Uri(_app.Address()) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
        await Store.DisposeAsync();
        Dir.Delete(recursive: true);
    }

    /// <summary>GETs <paramref name="path"/>, asserts the status, and returns the JSON body.</summary>
    protected async Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
