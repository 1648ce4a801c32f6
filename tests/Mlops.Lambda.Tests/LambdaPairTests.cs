using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Monitoring;
using Mlops.Monitoring.Drift;
using Mlops.Tests;
using Mlops.Testing;

namespace Mlops.Lambda.Tests;

/// <summary>A model of sentence pairs behind the function: <c>text_pair</c> beside <c>sentence</c> in direct and HTTP events, refused when missing, and recorded as a pair.</summary>
public sealed class LambdaPairTests(ExportedPairModel model) : TempDirectoryTest, IClassFixture<ExportedPairModel>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static string Pair(string sentence, string? pair) => new JsonObject { ["sentence"] = sentence, ["text_pair"] = pair }.ToJsonString();

    private static JsonElement Json(byte[]? bytes) => JsonDocument.Parse(bytes ?? throw new Xunit.Sdk.XunitException("no response body")).RootElement;

    [Fact]
    public async Task Pairs_are_answered_in_both_event_shapes_single_sentences_refused_and_each_pair_recorded()
    {
        var logs = Path.Combine(Dir, "logs");
        await using var api = await LocalRuntimeApi.StartAsync();
        using var stop = new CancellationTokenSource();
        var function = Task.Run(() => LambdaHost.RunAsync(api.Endpoint, model.Options, new MonitoringOptions { Stdout = false, LogDir = logs, LogText = true },
            NullLogger.Instance, stop.Token));
        Task<LambdaOutcome> InvokeAsync(byte[] payload) => api.InvokeAsync(payload, Timeout).WaitAsync(Timeout);

        var direct = await InvokeAsync(Encoding.UTF8.GetBytes(Pair("w1 w2 w3", "w4 w5")));
        var other = await InvokeAsync(Encoding.UTF8.GetBytes(Pair("w1 w2 w3", "w9 w10 w11 w12")));
        var http = await InvokeAsync(ReplayEvents.Http(Pair("w1 w2 w3", "w4 w5")));
        var single = await InvokeAsync(ReplayEvents.Direct("w1 w2 w3"));
        var singleHttp = await InvokeAsync(ReplayEvents.Http(ReplayEvents.Sentence("w1 w2 w3")));
        var wrongType = await InvokeAsync(Encoding.UTF8.GetBytes("{\"sentence\": \"w1\", \"text_pair\": 7}"));
        var tooLong = await InvokeAsync(Encoding.UTF8.GetBytes(Pair("w1", new string('w', 201))));
        await stop.CancelAsync();
        Assert.Equal(0, await function);

        var answer = Json(direct.Response);
        Assert.Equal(("w1 w2 w3", "w4 w5"), (answer.GetProperty("text").GetString(), answer.GetProperty("text_pair").GetString()));
        var score = answer.GetProperty("prediction").GetProperty("score").GetDouble();
        var response = Json(http.Response);
        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.Equal(score, Json(Encoding.UTF8.GetBytes(response.GetProperty("body").GetString()!)).GetProperty("prediction").GetProperty("score").GetDouble(), 5);
        Assert.NotEqual(score, Json(other.Response).GetProperty("prediction").GetProperty("score").GetDouble(), 5);

        Assert.Equal(PredictionHandler.InvalidEvent, single.Error!.Type);
        Assert.Contains("\"text_pair\"", single.Error.Message);
        var refused = Json(singleHttp.Response);
        Assert.Equal(400, refused.GetProperty("statusCode").GetInt32());
        Assert.Contains("text_pair", refused.GetProperty("body").GetString());
        Assert.Contains("is a number", wrongType.Error!.Message);
        Assert.Equal("SentenceTooLong", tooLong.Error!.Type);

        var events = (await LoggedTraffic.ReadAsync([logs], CancellationToken.None)).Events;
        Assert.Equal([direct.RequestId, other.RequestId, http.RequestId], events.Select(e => e.RequestId));
        Assert.Equal(["w4 w5", "w9 w10 w11 w12", "w4 w5"], events.Select(e => e.TextPair));
        Assert.Equal(events[0].TextHash, events[2].TextHash);
        Assert.NotEqual(events[0].TextHash, events[1].TextHash);
        Assert.True(events[1].Tokens > events[0].Tokens, "the tokens count both texts");
    }
}
