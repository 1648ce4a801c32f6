using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Mlops.Testing;

/// <summary>
/// Stands in for Elasticsearch, which cannot be installed on this machine: an HTTP endpoint that speaks just enough of
/// the <c>_bulk</c> protocol (gzip NDJSON in, the per-item answer out, the product header the official client checks)
/// and fails, stalls and recovers on purpose, so shipping's buffer, retry and drop logic meets a real client and socket
/// - in <c>mlops bench shipping</c>'s outage and in the tests (linked into each test project).
/// </summary>
public sealed class ElasticsearchStandIn : IDisposable
{
    /// <summary>How the endpoint answers the next requests.</summary>
    public enum Behaviour { Accept, Unavailable, Stall }

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _requests;
    private long _indexed;

    public ElasticsearchStandIn()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }
    public Behaviour Mode { get; set; } = Behaviour.Accept;
    /// <summary>The status of each document of a bulk request (default 201), given the request's number from 1 and the document (parsed only with <see cref="KeepDocuments"/>).</summary>
    public Func<int, JsonElement, int> ItemStatus { get; set; } = (_, _) => 201;
    /// <summary>Every document indexed (answered 2xx), in order, unless <see cref="KeepDocuments"/> is off.</summary>
    public ConcurrentQueue<JsonElement> Documents { get; } = new();
    /// <summary>Off: documents are only counted (<see cref="Indexed"/>), for a long benchmark.</summary>
    public bool KeepDocuments { get; init; } = true;
    public long Indexed => Interlocked.Read(ref _indexed);
    /// <summary>Each request's path and Authorization header.</summary>
    public ConcurrentQueue<(string Path, string? Authorization, string Actions)> Requests { get; } = new();
    public int RequestCount => Volatile.Read(ref _requests);

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var number = Interlocked.Increment(ref _requests);
        var request = context.Request;
        Stream body = request.InputStream;
        if (request.Headers["Content-Encoding"] == "gzip") body = new GZipStream(body, CompressionMode.Decompress);
        var lines = (await new StreamReader(body, Encoding.UTF8).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (KeepDocuments) Requests.Enqueue((request.Url!.AbsolutePath, request.Headers["Authorization"], string.Join('\n', lines.Where((_, i) => i % 2 == 0))));
        var response = context.Response;
        response.AddHeader("X-Elastic-Product", "Elasticsearch");
        switch (Mode)
        {
            case Behaviour.Stall:
                try
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
                response.Abort();
                return;
            case Behaviour.Unavailable:
                await WriteAsync(response, 503, """{"error":{"type":"unavailable_shards_exception","reason":"the cluster is down on purpose"},"status":503}""");
                return;
        }
        var items = new List<string>();
        for (var i = 1; i < lines.Length; i += 2)
        {
            // A long benchmark only counts: parsing every document would put the stand-in's CPU on the machine it measures.
            var document = KeepDocuments ? JsonDocument.Parse(lines[i]).RootElement.Clone() : default;
            var status = ItemStatus(number, document);
            if (status is >= 200 and < 300)
            {
                Interlocked.Increment(ref _indexed);
                if (KeepDocuments) Documents.Enqueue(document);
            }
            var outcome = status is >= 200 and < 300 ? "\"result\":\"created\""
                : $"\"error\":{{\"type\":\"{(status == 429 ? "es_rejected_execution_exception" : "document_parsing_exception")}\",\"reason\":\"refused on purpose\"}}";
            items.Add($"{{\"create\":{{\"_index\":\"x\",\"status\":{status},{outcome}}}}}");
        }
        var errors = items.Any(item => item.Contains("\"error\"")) ? "true" : "false";
        await WriteAsync(response, 200, $$"""{"took":1,"errors":{{errors}},"items":[{{string.Join(',', items)}}]}""");
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }
}
