using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Monitoring;
using Mlops.Monitoring.Drift;
using Mlops.Tests;
using Mlops.Testing;

namespace Mlops.Lambda.Tests;

/// <summary>The function records each answered prediction as the HTTP API does: one ECS event per event, by request id, text hashed.</summary>
public sealed class LambdaMonitoringTests(ExportedModel model) : TempDirectoryTest, IClassFixture<ExportedModel>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Each_prediction_is_one_event_under_its_request_id_and_refused_events_none()
    {
        var logs = Path.Combine(Dir, "logs");
        await using var api = await LocalRuntimeApi.StartAsync();
        using var stop = new CancellationTokenSource();
        var function = Task.Run(() => LambdaHost.RunAsync(api.Endpoint, model.Options, new MonitoringOptions { Stdout = false, LogDir = logs },
            NullLogger.Instance, stop.Token));
        var answered = new List<string>();
        foreach (var payload in new[] { ReplayEvents.Direct("w1 w2 w3"), ReplayEvents.Http(ReplayEvents.Sentence("w2 w3")), ReplayEvents.Direct(42) })
        {
            var outcome = await api.InvokeAsync(payload, Timeout).WaitAsync(Timeout);
            if (outcome.Error is null) answered.Add(outcome.RequestId);
        }
        await stop.CancelAsync();
        Assert.Equal(0, await function);

        var traffic = await LoggedTraffic.ReadAsync([logs], CancellationToken.None);
        Assert.Equal(answered, traffic.Events.Select(e => e.RequestId));
        Assert.All(traffic.Events, e =>
        {
            Assert.Equal("lambda", e.Source);
            Assert.Null(e.Text);
            Assert.StartsWith("hmac-sha256:", e.TextHash);
            Assert.True(e.Tokens >= 2, $"{e.Tokens} tokens");
        });
        Assert.Equal(2, answered.Count);
    }
}
