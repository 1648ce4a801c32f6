using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Mlops.Lambda;

/// <summary>
/// The Lambda Runtime API (version 2018-06-01) over HTTP, as a custom runtime speaks it: wait for the next invocation,
/// answer it or report its error, or report that initialisation failed. The Amazon.Lambda.RuntimeSupport package is
/// not served here, and the protocol is four requests.
/// </summary>
public sealed class LambdaRuntimeClient(HttpClient http) : IDisposable
{
    public const string EndpointVariable = "AWS_LAMBDA_RUNTIME_API";
    private const string Version = "2018-06-01";

    /// <summary>A client for the Runtime API at <paramref name="endpoint"/> (host:port, the value of AWS_LAMBDA_RUNTIME_API).</summary>
    public static LambdaRuntimeClient For(string endpoint) =>
        // The next invocation is a long poll: it waits for as long as no event comes, so no timeout.
        new(new HttpClient { BaseAddress = new Uri($"http://{endpoint}/{Version}/"), Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>Waits for the next event.</summary>
    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("runtime/invocation/next", cancellationToken);
        response.EnsureSuccessStatusCode();
        string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
        var requestId = Header("Lambda-Runtime-Aws-Request-Id") ?? throw new HttpRequestException("The Runtime API sent an event without Lambda-Runtime-Aws-Request-Id.");
        var deadline = long.TryParse(Header("Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        return new LambdaInvocation(requestId, deadline, Header("Lambda-Runtime-Invoked-Function-Arn"), Header("Lambda-Runtime-Trace-Id"),
            await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    /// <summary>Answers invocation <paramref name="requestId"/> with <paramref name="body"/> (JSON).</summary>
    public async Task RespondAsync(string requestId, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Reports that invocation <paramref name="requestId"/> failed.</summary>
    public Task FailAsync(string requestId, LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);

    /// <summary>Reports that the function could not start (the model did not load); Lambda then fails the invocation that started it.</summary>
    public Task InitErrorAsync(LambdaError error, CancellationToken cancellationToken) => PostErrorAsync("runtime/init/error", error, cancellationToken);

    private async Task PostErrorAsync(string path, LambdaError error, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(error, LambdaJson.Default.LambdaError) };
        request.Headers.Add("Lambda-Runtime-Function-Error-Type", error.Type);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => http.Dispose();
}
