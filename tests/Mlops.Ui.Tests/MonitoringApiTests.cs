using System.Net;
using System.Text.Json;

namespace Mlops.Ui.Tests;

/// <summary>The monitoring view's JSON over a real SQLite store of generated serving traffic (<see cref="MonitoredTraffic"/>).</summary>
public sealed class MonitoringApiTests : DashboardTest
{
    protected override Task SeedAsync() => MonitoredTraffic.SeedAsync(Store, Dir.FullName, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Models_that_served_traffic_are_listed_with_their_registry_names_most_recent_first()
    {
        var models = (await GetAsync("/api/monitoring/models")).GetProperty("models").EnumerateArray().ToList();
        Assert.Equal([MonitoredTraffic.Registered, MonitoredTraffic.Unregistered], models.Select(m => m.GetProperty("modelId").GetString()));
        Assert.Equal("cola v1", models[0].GetProperty("registered")[0].GetString());
        Assert.Equal(2 * MonitoredTraffic.EventsPerPhase, models[0].GetProperty("events").GetInt32());
        Assert.Equal("111111111111", models[0].GetProperty("version").GetString());
    }

    [Fact]
    public async Task Traffic_is_bucketed_over_time_and_the_drifted_hour_is_judged_drift_against_the_reference()
    {
        var traffic = await GetAsync($"/api/monitoring/traffic?model={Uri.EscapeDataString(MonitoredTraffic.Registered)}&buckets=4");
        var buckets = traffic.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(4, buckets.Count);
        Assert.Equal(2 * MonitoredTraffic.EventsPerPhase, buckets.Sum(b => b.GetProperty("labelCounts").EnumerateArray().Sum(c => c.GetInt32())));
        Assert.Equal(["unacceptable", "acceptable"], traffic.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        string State(int i) => buckets[i].GetProperty("drift").GetProperty("state").GetString()!;
        Assert.Equal("noDrift", State(1));
        Assert.Equal("drift", State(3));
        Assert.Contains(buckets[3].GetProperty("drift").GetProperty("signals").EnumerateArray(),
            s => s.GetProperty("name").GetString() == "confidence" && s.GetProperty("drifted").GetBoolean());
        Assert.True(buckets[3].GetProperty("confidence").GetProperty("p90").GetDouble() < 0.61);
        Assert.True(buckets[0].GetProperty("tokens").GetProperty("p99").GetDouble() <= 20);
        Assert.True(buckets[0].GetProperty("latencyMs").GetProperty("p50").GetDouble() >= 2);
        Assert.Equal(JsonValueKind.Null, traffic.GetProperty("referenceNote").ValueKind);
        // Without labels: the in-domain hour is estimated near the held-out accuracy, the drifted hour (confidence 0.5-0.6) far under it.
        double Estimated(int i) => buckets[i].GetProperty("drift").GetProperty("estimate").GetProperty("accuracy").GetProperty("value").GetDouble();
        var heldOut = buckets[1].GetProperty("drift").GetProperty("estimate").GetProperty("referenceAccuracy").GetDouble();
        Assert.InRange(Estimated(1), heldOut - 0.05, heldOut + 0.05);
        Assert.True(Estimated(3) < heldOut - 0.1, $"estimated {Estimated(3)} against {heldOut} held out");
    }

    [Fact]
    public async Task A_model_outside_the_registry_has_its_traffic_and_a_line_saying_why_there_is_no_drift()
    {
        var traffic = await GetAsync($"/api/monitoring/traffic?model={Uri.EscapeDataString(MonitoredTraffic.Unregistered)}");
        Assert.Contains("not in the registry", traffic.GetProperty("referenceNote").GetString());
        Assert.All(traffic.GetProperty("buckets").EnumerateArray(), b => Assert.Equal(JsonValueKind.Null, b.GetProperty("drift").ValueKind));
        Assert.Equal(10, traffic.GetProperty("events").GetInt32());
    }

    [Fact]
    public async Task Bad_requests_get_one_line_and_a_4xx()
    {
        Assert.Contains("Say which model", (await GetAsync("/api/monitoring/traffic", HttpStatusCode.BadRequest)).GetProperty("error").GetString());
        Assert.Contains("buckets must be between 1 and", (await GetAsync($"/api/monitoring/traffic?model=x&buckets=0", HttpStatusCode.BadRequest)).GetProperty("error").GetString());
        Assert.Contains("No prediction events of model 'sha256:nope'", (await GetAsync("/api/monitoring/traffic?model=sha256:nope", HttpStatusCode.NotFound)).GetProperty("error").GetString());
    }
}
