using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mlops.Serving.Tests;

/// <summary>
/// 10,000 malformed requests of many kinds against the real server: none may get a 5xx, and the server must still be
/// ready afterwards. Seeded, so a failure reproduces.
/// </summary>
public sealed class FuzzTests(RoomyServedModel served) : IClassFixture<RoomyServedModel>
{
    private const int Requests = 10_000;

    /// <summary>
    /// MLOPS_FUZZ_URL sends the same requests to a server started elsewhere, with the fixture's limits
    /// (bench/serve-fuzz.sh does, to read that process's memory from outside before and after).
    /// </summary>
    private static readonly string? ExternalServer = Environment.GetEnvironmentVariable("MLOPS_FUZZ_URL");

    private HttpClient Client => ExternalServer is null ? served.Client : ExternalClient.Value;

    private static readonly Lazy<HttpClient> ExternalClient = new(() => new HttpClient { BaseAddress = new Uri(ExternalServer!) });

    private static readonly string[] Kinds =
        ["truncated", "nested", "utf8", "huge", "empty", "content-type", "wrong-type", "query", "method", "garbage"];

    private static HttpRequestMessage Malformed(int i, int maxRequestBytes)
    {
        var random = new Random(i);
        const string valid = "{\"texts\": [\"w1 w2\", \"w3\"], \"text\": null}";
        HttpRequestMessage Post(byte[] body, string contentType = "application/json")
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new(contentType);
            return new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = content };
        }
        switch (Kinds[i % Kinds.Length])
        {
            case "truncated":
                return Post(Encoding.UTF8.GetBytes(valid[..random.Next(valid.Length)]));
            case "nested":
                var depth = random.Next(65, 20_000);
                var open = random.Next(2) == 0 ? "[" : "{\"a\":";
                return Post(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(open, depth))));
            case "utf8":
                var bytes = Encoding.UTF8.GetBytes("{\"text\": \"abc\"}");
                bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
                return Post(bytes);
            case "huge":
                return Post(new byte[maxRequestBytes + 1 + random.Next(10_000)]);
            case "empty":
                return Post([]);
            case "content-type":
                return Post(Encoding.UTF8.GetBytes("{\"text\": \"w1\"}"), new[] { "text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded" }[random.Next(4)]);
            case "wrong-type":
                return Post(Encoding.UTF8.GetBytes(new[] { "{\"text\": 1}", "{\"texts\": [{}]}", "{\"texts\": null}", "[]", "42", "\"x\"", "null", "{\"texts\": [[]]}" }[random.Next(8)]));
            case "query":
                var text = new string((char)random.Next(0x20, 0x7f), random.Next(201, 3000));
                return new HttpRequestMessage(HttpMethod.Get, new[] { "/predict?text=%ZZ%", "/predict?text=&text=&text=", $"/predict?text={Uri.EscapeDataString(text)}", "/predict?" + new string('a', 5000) }[random.Next(4)]);
            case "method":
                return new HttpRequestMessage(new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch }[random.Next(3)], "/v1/predict");
            default:
                var garbage = new byte[random.Next(1, 512)];
                random.NextBytes(garbage);
                return Post(garbage);
        }
    }

    [Fact]
    public async Task Ten_thousand_malformed_requests_get_no_5xx_and_the_server_stays_ready()
    {
        var statuses = new int[Requests];
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            using var request = Malformed(i, served.Options.MaxRequestBytes);
            using var response = await Client.SendAsync(request, token);
            statuses[i] = (int)response.StatusCode;
        });
        var serverErrors = statuses.Select((status, i) => (status, i)).Where(p => p.status >= 500).Take(5).ToList();
        Assert.True(serverErrors.Count == 0, string.Join(", ", serverErrors.Select(p => $"request {p.i} ({Kinds[p.i % Kinds.Length]}): {p.status}")));
        Assert.True(statuses.Count(s => s is >= 400 and < 500) > Requests * 0.95, "almost every malformed request is refused");
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Broken_http_and_a_sender_that_stops_mid_body_do_not_hurt_the_server()
    {
        var uri = Client.BaseAddress!;
        foreach (var raw in new[] { "GARBAGE\r\n\r\n", "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"te" })
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(uri.Host, uri.Port);
            var stream = socket.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));
            socket.Client.Shutdown(SocketShutdown.Send); // the sender stops here
            await ClosedByServerAsync(stream);
        }
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/predict?text=w1")).StatusCode);
    }

    /// <summary>Reads until the server closes the connection, gracefully or with a reset: then it is done with what was sent.</summary>
    private static async Task ClosedByServerAsync(NetworkStream stream)
    {
        try
        {
            await new StreamReader(stream).ReadToEndAsync().WaitAsync(Poll.Patience);
        }
        catch (IOException)
        {
            // Reset by the server: closed as well.
        }
    }
}
