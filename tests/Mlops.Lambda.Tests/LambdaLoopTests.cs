using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Monitoring;
using Mlops.Testing;

namespace Mlops.Lambda.Tests;

/// <summary>
/// The function's loop in-process against <see cref="LocalRuntimeApi"/>, which stands in for the Lambda service (it
/// cannot be installed here) and speaks the Runtime API as AWS documents it: both event shapes, every kind of malformed
/// event, a passed deadline, and a replay of 1,000 mixed events through one loop that must answer them all.
/// </summary>
public sealed class LambdaLoopTests(ExportedModel model) : IClassFixture<ExportedModel>, IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stop = new();
    private LocalRuntimeApi _api = null!;
    private Task<int> _function = null!;

    public async Task InitializeAsync()
    {
        _api = await LocalRuntimeApi.StartAsync();
        _function = Task.Run(() => LambdaHost.RunAsync(_api.Endpoint, model.Options, new MonitoringOptions { Stdout = false }, NullLogger.Instance, _stop.Token));
        await Task.WhenAny(_api.Ready, _function);
        Assert.False(_function.IsCompleted, "the function ended during init");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        Assert.Equal(0, await _function);
        await _api.DisposeAsync();
    }

    private Task<LambdaOutcome> InvokeAsync(byte[] payload) => _api.InvokeAsync(payload, Timeout).WaitAsync(Timeout);

    private static JsonElement Json(byte[]? bytes) => JsonDocument.Parse(bytes ?? throw new Xunit.Sdk.XunitException("no response body")).RootElement;

    private static void AssertPrediction(JsonElement answer, string sentence)
    {
        Assert.Equal(sentence, answer.GetProperty("text").GetString());
        var prediction = answer.GetProperty("prediction");
        Assert.Contains(prediction.GetProperty("label").GetString(), new[] { "unacceptable", "acceptable" });
        Assert.InRange(prediction.GetProperty("score").GetDouble(), 0.5, 1.0);
    }

    [Fact]
    public async Task A_direct_invocation_is_answered_with_the_text_and_its_prediction()
    {
        var sentence = string.Join(' ', TinyModelFolder.Words.Take(5));
        var outcome = await InvokeAsync(ReplayEvents.Direct(sentence));
        Assert.Null(outcome.Error);
        AssertPrediction(Json(outcome.Response), sentence);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_http_event_is_answered_with_status_headers_and_a_json_body(bool base64)
    {
        var outcome = await InvokeAsync(ReplayEvents.Http(ReplayEvents.Sentence("w1 w2 w3 é"), base64));
        var response = Json(outcome.Response);
        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/json", response.GetProperty("headers").GetProperty("Content-Type").GetString());
        AssertPrediction(Json(Encoding.UTF8.GetBytes(response.GetProperty("body").GetString()!)), "w1 w2 w3 é");
    }

    [Theory]
    [InlineData("{\"sentence\": ", "InvalidEvent", "not JSON")]
    [InlineData("[\"w1\"]", "InvalidEvent", "is an array")]
    [InlineData("{\"text\": \"w1\"}", "InvalidEvent", "No \"sentence\"")]
    [InlineData("{\"sentence\": 42}", "InvalidEvent", "is a number")]
    [InlineData("{\"sentence\": \"  \"}", "InvalidEvent", "empty")]
    public async Task A_malformed_direct_event_gets_an_invocation_error_and_the_loop_goes_on(string payload, string type, string message)
    {
        var outcome = await InvokeAsync(Encoding.UTF8.GetBytes(payload));
        Assert.Null(outcome.Response);
        Assert.Equal(type, outcome.Error!.Type);
        Assert.Contains(message, outcome.Error.Message);
        Assert.Null((await InvokeAsync(ReplayEvents.Direct("w1 w2"))).Error);
    }

    [Fact]
    public async Task A_sentence_whose_bytes_are_not_utf8_gets_an_invocation_error_not_a_crash()
    {
        byte[] payload = [.. "{\"sentence\": \"w1 "u8, 0xFF, .. "\"}"u8];
        var outcome = await InvokeAsync(payload);
        Assert.Equal("InvalidEvent", outcome.Error!.Type);
        Assert.Contains("not valid UTF-8", outcome.Error.Message);
        Assert.Null((await InvokeAsync(ReplayEvents.Direct("w1 w2"))).Error);
    }

    [Fact]
    public async Task Oversized_sentences_and_events_are_refused_by_their_limits()
    {
        var tooLong = string.Join(' ', Enumerable.Repeat("w1", 101));
        Assert.Equal("SentenceTooLong", (await InvokeAsync(ReplayEvents.Direct(tooLong))).Error!.Type);
        Assert.Equal(413, Json((await InvokeAsync(ReplayEvents.Http(ReplayEvents.Sentence(tooLong)))).Response).GetProperty("statusCode").GetInt32());
        var huge = await InvokeAsync(ReplayEvents.Direct(new string('w', 5000)));
        Assert.Equal("EventTooLarge", huge.Error!.Type);
        Assert.Contains("serving.max_request_bytes", huge.Error.Message);
    }

    [Theory]
    [InlineData("{\"sentence\": ", 400, "not JSON")]
    [InlineData("{\"sentence\": [1]}", 400, "is an array")]
    [InlineData("\"w1\"", 400, "is a string")]
    [InlineData(null, 400, "no body")]
    public async Task A_malformed_http_request_gets_a_4xx_answer_with_the_reason(string? body, int status, string message)
    {
        var response = Json((await InvokeAsync(ReplayEvents.Http(body))).Response);
        Assert.Equal(status, response.GetProperty("statusCode").GetInt32());
        Assert.Contains(message, Json(Encoding.UTF8.GetBytes(response.GetProperty("body").GetString()!)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_event_past_its_deadline_is_answered_with_an_error_not_a_late_prediction()
    {
        var direct = await _api.InvokeAsync(ReplayEvents.Direct("w1 w2"), TimeSpan.FromSeconds(-1)).WaitAsync(Timeout);
        Assert.Equal("DeadlineExceeded", direct.Error!.Type);
        var http = await _api.InvokeAsync(ReplayEvents.Http(ReplayEvents.Sentence("w1")), TimeSpan.FromSeconds(-1)).WaitAsync(Timeout);
        Assert.Equal(504, Json(http.Response).GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task A_function_url_request_gets_the_http_answer_the_function_gives()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://{_api.Endpoint}/") };
        using var ok = await http.PostAsync("", new StringContent(ReplayEvents.Sentence("w1 w2"), Encoding.UTF8, "application/json"));
        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal("application/json", ok.Content.Headers.ContentType?.MediaType);
        AssertPrediction(Json(await ok.Content.ReadAsByteArrayAsync()), "w1 w2");
        using var bad = await http.PostAsync("", new StringContent("{\"sentence\": 7}", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("must be a string", Json(await bad.Content.ReadAsByteArrayAsync()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_replay_of_1000_mixed_events_is_answered_event_by_event_by_one_loop()
    {
        var replay = ReplayEvents.Generate(1000, TinyModelFolder.Words, model.Options.MaxTextCharacters).ToList();
        Assert.Equal(6, replay.Select(r => r.Kind).Distinct().Count());
        // Sent one after another, as Lambda sends one event at a time to an environment.
        foreach (var (kind, payload, check) in replay) Assert.Null(check(await InvokeAsync(payload)));
        Assert.False(_function.IsCompleted, "the loop ended");
    }
}
