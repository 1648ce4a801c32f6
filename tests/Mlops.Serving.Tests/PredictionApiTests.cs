using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mlops.Serving.Tests;

public sealed class PredictionApiTests(ServedModel served) : IClassFixture<ServedModel>
{
    private HttpClient Client => served.Client;

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), problem.GetProperty("requestId").GetString());
        if (field is not null) Assert.Equal(field, problem.GetProperty("field").GetString());
        return problem;
    }

    private Task<HttpResponseMessage> PostAsync(string body, string contentType = "application/json") =>
        Client.PostAsync("/v1/predict", new StringContent(body, Encoding.UTF8, contentType));

    [Fact]
    public async Task Get_predict_answers_the_course_shape_a_score_per_label()
    {
        var response = await Client.GetAsync("/predict?text=w1%20w2%20w3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scores = (await JsonAsync(response)).EnumerateArray().ToList();
        Assert.Equal(["unacceptable", "acceptable"], scores.Select(s => s.GetProperty("label").GetString()));
        Assert.Equal(1.0, scores.Sum(s => s.GetProperty("score").GetDouble()), 4);
        Assert.Equal(2, scores[0].EnumerateObject().Count());
    }

    [Fact]
    public async Task Post_predict_answers_each_text_in_order_with_the_model_id_and_version()
    {
        var response = await Client.PostAsJsonAsync("/v1/predict", new { texts = new[] { "w1 w2", "w3", "w4 w5 w6 w7" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        var modelId = body.GetProperty("model_id").GetString()!;
        Assert.StartsWith("sha256:", modelId);
        Assert.Equal(modelId["sha256:".Length..][..12], body.GetProperty("model_version").GetString());
        var predictions = body.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(3, predictions.Count);
        var one = await JsonAsync(await Client.PostAsJsonAsync("/v1/predict", new { text = "w3" }));
        Assert.Equal(predictions[1].GetProperty("scores").GetProperty("acceptable").GetDouble(),
            one.GetProperty("predictions")[0].GetProperty("scores").GetProperty("acceptable").GetDouble(), 5);
        Assert.All(predictions, p => Assert.Contains(p.GetProperty("label").GetString(), new[] { "unacceptable", "acceptable" }));
    }

    [Fact]
    public async Task Any_code_point_is_classified_even_the_ones_icu_refuses_to_normalise()
    {
        // U+FFFE is valid UTF-8 and valid JSON, but string.Normalize throws on it: the tokenizer must not care.
        var response = await PostAsync("{\"texts\": [\"w1 \\uFFFE w2\", \"Jos\\u00E9 \\uD83D\\uDE00\"]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await JsonAsync(response)).GetProperty("predictions").GetArrayLength());
    }

    [Theory]
    [InlineData("{\"text\": ", HttpStatusCode.BadRequest, null)]
    [InlineData("[\"a\"]", HttpStatusCode.BadRequest, null)]
    [InlineData("{}", HttpStatusCode.BadRequest, "text")]
    [InlineData("{\"text\": 3}", HttpStatusCode.BadRequest, "text")]
    [InlineData("{\"text\": \"a\", \"texts\": [\"b\"]}", HttpStatusCode.BadRequest, "texts")]
    [InlineData("{\"texts\": \"a\"}", HttpStatusCode.BadRequest, "texts")]
    [InlineData("{\"texts\": []}", HttpStatusCode.BadRequest, "texts")]
    [InlineData("{\"texts\": [\"a\", null]}", HttpStatusCode.BadRequest, "texts[1]")]
    [InlineData("{\"texts\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}", HttpStatusCode.RequestEntityTooLarge, "texts")]
    [InlineData("{\"text\": \"a\", \"text_pair\": \"b\"}", HttpStatusCode.BadRequest, "text_pair")]
    [InlineData("{\"texts\": [\"a\"], \"text_pairs\": [\"b\"]}", HttpStatusCode.BadRequest, "text_pairs")]
    public async Task Bad_bodies_get_a_problem_document_naming_the_field(string body, HttpStatusCode status, string? field) =>
        await ProblemAsync(await PostAsync(body), status, field);

    [Fact]
    public async Task Limits_give_413_and_other_content_types_415()
    {
        await ProblemAsync(await PostAsync(JsonSerializer.Serialize(new { text = new string('w', 201) })), HttpStatusCode.RequestEntityTooLarge, "text");
        await ProblemAsync(await Client.GetAsync("/predict?text=" + new string('w', 201)), HttpStatusCode.RequestEntityTooLarge, "text");
        await ProblemAsync(await PostAsync(JsonSerializer.Serialize(new { text = new string('w', 5000) })), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAsync(await PostAsync("text=hello", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_request_the_queue_cannot_hold_gets_503_with_retry_after()
    {
        var response = await Client.PostAsJsonAsync("/v1/predict", new { texts = new[] { "w1", "w2", "w3", "w4" } });
        var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Contains("serving.queue_capacity", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsJsonAsync("/v1/predict", new { texts = new[] { "w1", "w2", "w3" } })).StatusCode);
    }

    [Fact]
    public async Task Invalid_utf8_and_deep_nesting_are_400_not_500()
    {
        var invalid = new ByteArrayContent([.. "{\"text\": \""u8, 0xff, 0xfe, .. "\"}"u8]);
        invalid.Headers.ContentType = new("application/json");
        await ProblemAsync(await Client.PostAsync("/v1/predict", invalid), HttpStatusCode.BadRequest);
        await ProblemAsync(await PostAsync(new string('[', 1000) + new string(']', 1000)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Missing_query_text_and_unknown_routes_are_problem_documents()
    {
        await ProblemAsync(await Client.GetAsync("/predict"), HttpStatusCode.BadRequest, "text");
        await ProblemAsync(await Client.GetAsync("/predict?text=w1&text_pair=w2"), HttpStatusCode.BadRequest, "text_pair");
        var problem = await ProblemAsync(await Client.GetAsync("/nope"), HttpStatusCode.NotFound);
        Assert.Contains("/v1/predict", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Health_and_readiness_after_warm_up_and_a_request_id_on_every_response()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
        var ready = await Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.StartsWith("sha256:", (await JsonAsync(ready)).GetProperty("model_id").GetString());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Request-Id", "client-chosen-42");
        Assert.Equal("client-chosen-42", (await Client.SendAsync(request)).Headers.GetValues("X-Request-Id").Single());
        Assert.NotEmpty((await Client.GetAsync("/healthz")).Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task Metrics_count_requests_by_route_and_status_batches_refusals_and_labels()
    {
        await Client.GetAsync("/predict?text=w1");
        await Client.PostAsJsonAsync("/v1/predict", new { texts = new[] { "w1", "w2" } });
        await Client.PostAsync("/v1/predict", new StringContent("{}", Encoding.UTF8, "application/json"));
        var response = await Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("http_request_duration_seconds_bucket", text);
        Assert.Matches("http_requests_received_total\\{[^}]*code=\"200\"[^}]*endpoint=\"/predict\"", text);
        Assert.Contains("mlops_batch_size_bucket", text);
        Assert.Matches("mlops_queue_wait_seconds_count [1-9]", text);
        Assert.Matches("mlops_model_seconds_count [1-9]", text);
        Assert.Contains("mlops_queue_depth 0", text);
        Assert.Matches("mlops_rejected_requests_total\\{status=\"400\"\\} [1-9]", text);
        Assert.Matches("mlops_predictions_total\\{label=\"(un)?acceptable\"\\} [1-9]", text);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_routes_and_the_try_page_needs_no_cdn()
    {
        var document = await JsonAsync(await Client.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/predict", paths);
        Assert.Contains("/v1/predict", paths);
        var page = await Client.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("fetch(\"v1/predict\"", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }
}
