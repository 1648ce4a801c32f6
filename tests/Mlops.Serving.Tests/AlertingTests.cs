using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Export;
using Mlops.Inference;
using Mlops.Core.Processes;
using Mlops.Monitoring;
using Mlops.Monitoring.Alerting;
using Mlops.Monitoring.Drift;
using Mlops.Tests;
using Mlops.Testing;

namespace Mlops.Serving.Tests;

/// <summary>
/// The alerting path for real: Debian's Prometheus scrapes the running API and evaluates deploy/prometheus/alerts.yml,
/// Debian's Alertmanager routes what fires to a webhook this test serves. Drifted traffic must arrive there as
/// MlopsDataDrift; a log backend that is down (<see cref="ElasticsearchStandIn"/> standing in for Elasticsearch, which
/// cannot be installed here) as MlopsPredictionShippingDown and MlopsPredictionEventsDropped, while every prediction
/// is answered and the held events stay within the buffer; back up, shipping resumes. The rules' <c>for</c> durations are cut to 0s here (their real timing is what
/// <c>promtool test rules</c> checks in CI); everything else is the shipped file.
/// </summary>
public sealed class AlertingTests : TempDirectoryTest
{
    private const string Prometheus = "/usr/bin/prometheus";
    private const string Alertmanager = "/usr/bin/prometheus-alertmanager";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task Drifted_traffic_and_a_dead_log_backend_reach_a_webhook_as_alerts_and_shipping_resumes()
    {
        Prerequisite.Require(File.Exists(Prometheus) && File.Exists(Alertmanager), "Prometheus and Alertmanager are not installed",
            "`apt-get install -y prometheus prometheus-alertmanager` (which .ci/run does) enables this test.");
        var served = (await ServedTinyModel.WithProfileAsync(Dir)).Path;
        using var elasticsearch = new ElasticsearchStandIn { Mode = ElasticsearchStandIn.Behaviour.Unavailable };
        var monitoring = new MonitoringOptions
        {
            Stdout = false,
            Drift = new DriftThresholds { Window = 100, MinEvents = 50 },
            Elasticsearch = new() { Url = elasticsearch.Url, BufferEvents = 50, BatchEvents = 10, FlushSeconds = 0.1, MaxBackoffSeconds = 0.5 },
        };
        await using var api = await ServingApp.BuildAsync(new ServingOptions { ModelDir = served, Port = 0, Threads = 1, MaxTexts = 64 }, monitoring);
        await api.StartAsync();
        var alerts = Channel.CreateUnbounded<JsonElement>();
        await using var webhook = await StartWebhookAsync(alerts.Writer);

        var rules = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "deploy", "prometheus", "alerts.yml"));
        using var http = new HttpClient();
        using var alerting = await LocalAlerting.StartAsync(Prometheus, Alertmanager, Dir, new Uri(api.Urls.Single()).Authority,
            LocalAlerting.WithoutForDurations(rules), $"{webhook.Urls.Single()}/alerts", http, CancellationToken.None);
        var prometheus = alerting.Prometheus;
        using var query = new HttpClient { BaseAddress = new Uri(alerting.PrometheusUrl) };

        // The target is up and the monitoring series exist before any traffic: insufficient data, no alert.
        await EventuallyAsync(async () => (await QueryAsync(query, "up{job=\"mlops-serve\"}")) == "1", "the API's scrape target is not up", prometheus);
        await EventuallyAsync(async () => (await QueryAsync(query, "mlops_drift_insufficient_data")) == "1", "no mlops_drift_insufficient_data series", prometheus);

        // Sentences of words the vocabulary never saw, far longer than the reference's: unknown tokens and length drift.
        using var client = new HttpClient { BaseAddress = new Uri(api.Urls.Single()) };
        var drifted = Enumerable.Range(0, 80).Select(i => string.Join(' ', Enumerable.Range(0, 30).Select(j => $"zq{i}x{j}"))).ToArray();
        foreach (var batch in drifted.Chunk(16))
            (await client.PostAsync("/v1/predict", new StringContent(JsonSerializer.Serialize(new { texts = batch }), System.Text.Encoding.UTF8, "application/json")))
                .EnsureSuccessStatusCode();
        await EventuallyAsync(async () => (await QueryAsync(query, "mlops_drift_detected{signal=\"any\"}")) == "1", "the host's gauge never showed drift", prometheus);

        using var timeout = new CancellationTokenSource(Patience);
        var fired = new Dictionary<string, JsonElement>();
        string[] expected = ["MlopsDataDrift", "MlopsPredictionShippingDown", "MlopsPredictionEventsDropped"];
        while (!expected.All(fired.ContainsKey))
        {
            var notification = await alerts.Reader.ReadAsync(timeout.Token);
            foreach (var a in notification.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("status").GetString() == "firing"))
                fired[a.GetProperty("labels").GetProperty("alertname").GetString()!] = a;
        }
        Assert.Equal("ticket", fired["MlopsDataDrift"].GetProperty("labels").GetProperty("severity").GetString());
        Assert.Contains("KS distance", fired["MlopsDataDrift"].GetProperty("annotations").GetProperty("method").GetString());
        Assert.Equal("1", await QueryAsync(query, "mlops_drift_detected{signal=\"unknown_token_rate\"}"));
        Assert.Equal("elasticsearch", fired["MlopsPredictionShippingDown"].GetProperty("labels").GetProperty("sink").GetString());
        Assert.Equal("elasticsearch", fired["MlopsPredictionEventsDropped"].GetProperty("labels").GetProperty("sink").GetString());
        Assert.Equal("50", await QueryAsync(query, "mlops_prediction_shipping_held_events{sink=\"elasticsearch\"}")); // the buffer, full, and no more
        Assert.Equal("30", await QueryAsync(query, "mlops_prediction_events_dropped_total{sink=\"elasticsearch\"}"));

        // The backend is back: what was held is shipped, and the sink reports up.
        elasticsearch.Mode = ElasticsearchStandIn.Behaviour.Accept;
        await EventuallyAsync(async () => (await QueryAsync(query, "mlops_prediction_events_shipped_total{sink=\"elasticsearch\"}")) == "50",
            "the held events were never shipped after the backend came back", prometheus);
        Assert.Equal("1", await QueryAsync(query, "mlops_prediction_shipping_up{sink=\"elasticsearch\"}"));
        Assert.Equal(50, elasticsearch.Documents.Count);
    }

    /// <summary>A receiver of Alertmanager's webhook: each POST's JSON body, as it came.</summary>
    private static async Task<WebApplication> StartWebhookAsync(ChannelWriter<JsonElement> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/alerts", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            await received.WriteAsync(body.RootElement.Clone());
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>The single value of an instant query, or null when it has no sample.</summary>
    private static async Task<string?> QueryAsync(HttpClient prometheus, string expression)
    {
        try
        {
            using var answer = JsonDocument.Parse(await prometheus.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(expression)));
            var result = answer.RootElement.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 0 ? null : result[0].GetProperty("value")[1].GetString();
        }
        catch (HttpRequestException)
        {
            return null; // Prometheus is still starting
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure, BackgroundProcess prometheus)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > Patience || prometheus.HasExited)
                throw new Xunit.Sdk.XunitException($"{failure}; Prometheus said:\n{prometheus.Tail}");
            await Task.Delay(250);
        }
    }
}
