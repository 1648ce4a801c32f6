using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Core;
using Mlops.Tracking;
using Mlops.Tracking.Artifacts;
using Mlops.Tracking.Sqlite;

namespace Mlops.Ui.Tests;

/// <summary>The dashboard's JSON API and pages over a real SQLite store of generated runs, served on a free loopback port.</summary>
public sealed class DashboardApiTests : DashboardTest
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-10);
    private string _trained = "";

    protected override async Task SeedAsync()
    {
        foreach (var (name, shape, mcc) in new[] { ("a", "tiny", 0.1), ("b", "minilm", 0.4), ("c", "minilm", 0.2) })
        {
            var id = await Store.CreateRunAsync(new RunStart { Name = name, Params = new Dictionary<string, string> { ["model.shape"] = shape, ["training.seed"] = "1" } }, T0);
            await Store.AppendAsync(id, [.. Enumerable.Range(0, 3000).Select(step => new MetricPoint("train_loss", step, 1.0 / (step + 1), T0)),
                new("val_mcc", 3000, mcc, T0)], T0);
            if (name == "b") _trained = id;
        }
        var folder = Directory.CreateDirectory(Path.Combine(Dir.FullName, "run-b")).FullName;
        await RunArtifacts.WriteConfusionAsync(folder, new ConfusionReport(["unacceptable", "acceptable"], [[5, 2], [1, 9]]), CancellationToken.None);
        await RunArtifacts.WriteMisclassifiedAsync(folder, [new("Who did you see <script>?", "acceptable", "unacceptable", 0.8, "in_domain"),
            new("The cat sat.", "unacceptable", "acceptable", 0.6, "in_domain")], CancellationToken.None);
        await Store.EndRunAsync(_trained, RunStatus.Finished, new RunEnd(Artifacts: await RunArtifacts.ScanAsync(folder, CancellationToken.None)), T0);
        await SqliteRunDir(_trained, folder);
    }

    /// <summary>Points the run at its folder, as training does through RunStart.RunDir.</summary>
    private async Task SqliteRunDir(string id, string folder)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Dir.FullName, "mlops.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE runs SET run_dir = $dir WHERE id = $id";
        command.Parameters.AddWithValue("$dir", folder);
        command.Parameters.AddWithValue("$id", id);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_runs_page_filters_sorts_pages_and_counts_on_the_server()
    {
        var page = await GetAsync("/api/runs?filter=model.shape%20%3D%20minilm&sort=val_mcc&limit=1");
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var run = page.GetProperty("runs")[0];
        Assert.Equal("b", run.GetProperty("name").GetString());
        Assert.Equal("finished", run.GetProperty("status").GetString());
        Assert.Equal(0.4, run.GetProperty("metrics").GetProperty("val_mcc").GetProperty("last").GetDouble());
        Assert.Contains("val_mcc", page.GetProperty("metricKeys").EnumerateArray().Select(k => k.GetString()));

        var ascending = await GetAsync("/api/runs?sort=val_mcc&desc=false&withParams=true");
        Assert.Equal(["a", "c", "b"], ascending.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal("tiny", ascending.GetProperty("runs")[0].GetProperty("params").GetProperty("model.shape").GetString());

        var bad = await GetAsync("/api/runs?filter=val_mcc%20%3E%20high", HttpStatusCode.BadRequest);
        Assert.StartsWith("Run filter: 'val_mcc > high' orders by 'high'", bad.GetProperty("error").GetString());
        await GetAsync("/api/runs?status=sleeping", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_run_has_its_params_sampled_series_confusion_matrix_and_searchable_mistakes()
    {
        var run = await GetAsync($"/api/runs/{_trained[..5]}");
        Assert.Equal("minilm", run.GetProperty("params").GetProperty("model.shape").GetString());
        Assert.True(run.GetProperty("hasConfusion").GetBoolean());
        Assert.Contains(RunArtifacts.MisclassifiedJsonl, run.GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("path").GetString()));

        var series = await GetAsync($"/api/runs/{_trained}/series?key=train_loss&points=100");
        Assert.Equal(3000, series.GetProperty("count").GetInt32());
        Assert.True(series.GetProperty("downsampled").GetBoolean());
        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.InRange(points.Count, 50, 100);
        Assert.Equal(1.0, points.Max(p => p[1].GetDouble()));
        Assert.Equal(2999, points[^1][0].GetInt64());

        var confusion = await GetAsync($"/api/runs/{_trained}/confusion");
        Assert.Equal(9, confusion.GetProperty("matrix")[1][1].GetInt32());
        var search = await GetAsync($"/api/runs/{_trained}/misclassified?q=SCRIPT");
        Assert.Equal(1, search.GetProperty("total").GetInt32());
        Assert.Equal("Who did you see <script>?", search.GetProperty("rows")[0].GetProperty("text").GetString());

        var other = (await GetAsync("/api/runs?filter=name%20%3D%20a")).GetProperty("runs")[0].GetProperty("id").GetString();
        Assert.Contains("has no confusion_matrix.json", (await GetAsync($"/api/runs/{other}/confusion", HttpStatusCode.NotFound)).GetProperty("error").GetString());
        Assert.Contains("No run 'ffff'", (await GetAsync("/api/runs/ffff", HttpStatusCode.NotFound)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_artifact_is_served_only_while_it_has_its_recorded_hash_and_only_from_the_run_folder()
    {
        var bytes = await Http.GetByteArrayAsync($"/api/runs/{_trained}/artifacts/{RunArtifacts.ConfusionJson}");
        var recorded = (await Store.ArtifactsAsync(_trained)).Single(a => a.Path == RunArtifacts.ConfusionJson);
        Assert.Equal(recorded.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));

        var folder = (await Store.FindRunAsync(_trained))!.RunDir!;
        await File.AppendAllTextAsync(Path.Combine(folder, RunArtifacts.ConfusionJson), " ");
        Assert.Contains("has changed since the run recorded it",
            (await GetAsync($"/api/runs/{_trained}/artifacts/{RunArtifacts.ConfusionJson}", HttpStatusCode.Conflict)).GetProperty("error").GetString());
        File.Delete(Path.Combine(folder, RunArtifacts.MisclassifiedJsonl));
        Assert.Contains("is gone from", (await GetAsync($"/api/runs/{_trained}/artifacts/{RunArtifacts.MisclassifiedJsonl}", HttpStatusCode.NotFound))
            .GetProperty("error").GetString());
        await GetAsync($"/api/runs/{_trained}/artifacts/..%2Fmlops.db", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Compare_lists_the_params_that_differ()
    {
        var ids = (await GetAsync("/api/runs")).GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        var compare = await GetAsync($"/api/compare?ids={string.Join(",", ids)}");
        Assert.Equal(["model.shape"], compare.GetProperty("differing").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(3, compare.GetProperty("runs").GetArrayLength());
        await GetAsync($"/api/compare?ids={ids[0]}", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Pages_are_served_with_a_script_policy_that_runs_only_the_bundle()
    {
        using var page = await Http.GetAsync($"/runs/{_trained}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("/app.js", await page.Content.ReadAsStringAsync());
        using var script = await Http.GetAsync("/app.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/app.js") { Headers = { { "If-None-Match", script.Headers.ETag!.Tag } } };
        Assert.Equal(HttpStatusCode.NotModified, (await Http.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Beyond_loopback_the_dashboard_needs_its_token_and_refuses_to_start_without_one()
    {
        var refused = await Assert.ThrowsAsync<MlopsException>(() => DashboardServer.StartAsync(Store, Store, new DashboardOptions { Host = "0.0.0.0", Port = 0 }, NullLogger.Instance));
        Assert.Contains("would show every run to anyone", refused.Message);

        await using var guarded = await DashboardServer.StartAsync(Store, Store, new DashboardOptions { Port = 0, Token = "s3cret" }, NullLogger.Instance);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(guarded.Address()) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/runs")).StatusCode);
        using var first = await browser.GetAsync("/?token=s3cret");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.DoesNotContain("token", first.RequestMessage!.RequestUri!.Query);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/runs")).StatusCode);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, guarded.Address() + "/api/runs") { Headers = { { "Authorization", "Bearer s3cret" } } };
        Assert.Equal(HttpStatusCode.OK, (await new HttpClient().SendAsync(bearer)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient().GetAsync(guarded.Address() + "/?token=wrong")).StatusCode);
    }
}
