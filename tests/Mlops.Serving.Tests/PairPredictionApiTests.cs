using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Mlops.Serving.Tests.PredictionApiTests;

namespace Mlops.Serving.Tests;

/// <summary>A model of sentence pairs served: each text's second text as <c>text_pair</c> (<c>text_pairs</c> for a batch), and a 4xx naming the field when it is missing or misplaced.</summary>
public sealed class PairPredictionApiTests(ServedPairModel served) : IClassFixture<ServedPairModel>
{
    private HttpClient Client => served.Client;

    private Task<HttpResponseMessage> PostAsync(string body) =>
        Client.PostAsync("/v1/predict", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<double> AcceptableAsync(object body)
    {
        var response = await Client.PostAsJsonAsync("/v1/predict", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single((await JsonAsync(response)).GetProperty("predictions").EnumerateArray()).GetProperty("scores").GetProperty("acceptable").GetDouble();
    }

    [Fact]
    public async Task Get_predict_takes_text_pair_and_the_second_text_counts()
    {
        async Task<List<double>> ScoresAsync(string pair)
        {
            var response = await Client.GetAsync($"/predict?text=w1%20w2%20w3&text_pair={pair}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return [.. (await JsonAsync(response)).EnumerateArray().Select(s => s.GetProperty("score").GetDouble())];
        }

        var one = await ScoresAsync("w4%20w5");
        Assert.Equal(1.0, one.Sum(), 4);
        Assert.NotEqual(one[1], (await ScoresAsync("w9%20w10%20w11%20w12"))[1], 5);
        Assert.Equal(one[1], await AcceptableAsync(new { text = "w1 w2 w3", text_pair = "w4 w5" }), 5);
    }

    [Fact]
    public async Task A_batch_of_pairs_is_answered_in_order_as_each_pair_alone()
    {
        var response = await Client.PostAsJsonAsync("/v1/predict", new { texts = new[] { "w1 w2", "w3", "w3" }, text_pairs = new[] { "w7", "w8 w9", "w10 w11 w12" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var predictions = (await JsonAsync(response)).GetProperty("predictions").EnumerateArray()
            .Select(p => p.GetProperty("scores").GetProperty("acceptable").GetDouble()).ToList();
        Assert.Equal(3, predictions.Count);
        Assert.Equal(predictions[1], await AcceptableAsync(new { text = "w3", text_pair = "w8 w9" }), 5);
        Assert.Equal(predictions[2], await AcceptableAsync(new { text = "w3", text_pair = "w10 w11 w12" }), 5);
        Assert.NotEqual(predictions[1], predictions[2], 5);
    }

    [Theory]
    [InlineData("{\"text\": \"w1\"}", HttpStatusCode.BadRequest, "text_pair")]
    [InlineData("{\"texts\": [\"w1\"]}", HttpStatusCode.BadRequest, "text_pairs")]
    [InlineData("{\"text\": \"w1\", \"text_pairs\": [\"w2\"]}", HttpStatusCode.BadRequest, "text_pairs")]
    [InlineData("{\"texts\": [\"w1\"], \"text_pair\": \"w2\"}", HttpStatusCode.BadRequest, "text_pair")]
    [InlineData("{\"text\": \"w1\", \"text_pair\": 3}", HttpStatusCode.BadRequest, "text_pair")]
    [InlineData("{\"texts\": [\"w1\", \"w2\"], \"text_pairs\": [\"w3\"]}", HttpStatusCode.BadRequest, "text_pairs")]
    [InlineData("{\"texts\": [\"w1\"], \"text_pairs\": \"w3\"}", HttpStatusCode.BadRequest, "text_pairs")]
    [InlineData("{\"texts\": [\"w1\", \"w2\"], \"text_pairs\": [\"w3\", null]}", HttpStatusCode.BadRequest, "text_pairs[1]")]
    public async Task Missing_or_misplaced_second_texts_get_a_problem_document_naming_the_field(string body, HttpStatusCode status, string field) =>
        await ProblemAsync(await PostAsync(body), status, field);

    [Fact]
    public async Task Each_text_of_a_pair_has_the_length_limit_and_get_needs_text_pair()
    {
        var tooLong = new string('w', 201);
        await ProblemAsync(await PostAsync(JsonSerializer.Serialize(new { text = "w1", text_pair = tooLong })), HttpStatusCode.RequestEntityTooLarge, "text_pair");
        await ProblemAsync(await PostAsync(JsonSerializer.Serialize(new { texts = new[] { "w1" }, text_pairs = new[] { tooLong } })),
            HttpStatusCode.RequestEntityTooLarge, "text_pairs[0]");
        await ProblemAsync(await Client.GetAsync($"/predict?text=w1&text_pair={tooLong}"), HttpStatusCode.RequestEntityTooLarge, "text_pair");
        var missing = await ProblemAsync(await Client.GetAsync("/predict?text=w1"), HttpStatusCode.BadRequest, "text_pair");
        Assert.Contains("sentence pairs", missing.GetProperty("detail").GetString());
    }
}
