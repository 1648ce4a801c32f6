using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Mlops.Lambda;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mlops.Testing;

/// <summary>
/// The Lambda service's side of the Runtime API on 127.0.0.1, as AWS documents it (next invocation with its headers,
/// response, invocation error, init error): what the function talks to in tests and benchmarks, in-process or in its
/// container, since the Lambda service itself cannot run here. Events are queued by <see cref="InvokeAsync"/>, which
/// returns the function's answer; a POST to <c>/</c> is what a function URL does: the request becomes a payload 2.0
/// event and the function's <c>statusCode</c>, <c>headers</c> and <c>body</c> become the HTTP response (502 when the
/// invocation fails), so release smoke tests run against it as against AWS.
/// </summary>
public sealed class LocalRuntimeApi : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime";
    private readonly WebApplication _app;
    private readonly Channel<(string Id, DateTimeOffset Deadline, byte[] Event)> _queue = Channel.CreateUnbounded<(string, DateTimeOffset, byte[])>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<LambdaOutcome>> _pending = new();
    private readonly TaskCompletionSource<LambdaError> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _polled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LocalRuntimeApi(WebApplication app) => _app = app;

    /// <summary>host:port, the value for the function's AWS_LAMBDA_RUNTIME_API.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Completes with the error the function reported when it could not initialise.</summary>
    public Task<LambdaError> InitError => _initError.Task;

    /// <summary>Completes when the function first asks for an event: it has initialised.</summary>
    public Task Ready => _polled.Task;

    public static async Task<LocalRuntimeApi> StartAsync(string host = "127.0.0.1", int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{host}:{port}");
        builder.Logging.ClearProviders();
        var api = new LocalRuntimeApi(builder.Build());
        api.Map();
        await api._app.StartAsync();
        var address = new Uri(api._app.Urls.Single());
        api.Endpoint = $"{address.Host}:{address.Port}";
        return api;
    }

    /// <summary>Queues <paramref name="payload"/> as an event due within <paramref name="timeout"/> (Lambda's function timeout) and returns the answer.</summary>
    public Task<LambdaOutcome> InvokeAsync(byte[] payload, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString();
        var answer = new TaskCompletionSource<LambdaOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        _queue.Writer.TryWrite((id, DateTimeOffset.UtcNow + timeout, payload));
        return answer.Task.WaitAsync(cancellationToken);
    }

    private void Map()
    {
        _app.MapGet(Prefix + "/invocation/next", async (HttpContext context) =>
        {
            _polled.TrySetResult();
            var (id, deadline, payload) = await _queue.Reader.ReadAsync(context.RequestAborted);
            context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = id;
            context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:000000000000:function:mlops-local";
            context.Response.Headers["Lambda-Runtime-Trace-Id"] = $"Root=1-{id[..8]}-{id[9..13]};Sampled=0";
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(payload, context.RequestAborted);
        });
        _app.MapPost(Prefix + "/invocation/{id}/response", async (string id, HttpContext context) =>
            Complete(id, new LambdaOutcome(id, await ReadAsync(context), null)));
        _app.MapPost(Prefix + "/invocation/{id}/error", async (string id, HttpContext context) =>
            Complete(id, new LambdaOutcome(id, null, await ErrorAsync(context))));
        _app.MapPost(Prefix + "/init/error", async (HttpContext context) =>
        {
            _initError.TrySetResult(await ErrorAsync(context));
            return Results.Accepted();
        });
        _app.MapPost("/", FunctionUrlAsync);
    }

    /// <summary>A function URL: the HTTP request as a payload 2.0 event, the function's proxy answer as the HTTP response.</summary>
    private async Task FunctionUrlAsync(HttpContext context)
    {
        var body = Encoding.UTF8.GetString(await ReadAsync(context));
        var payload = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["version"] = "2.0",
            ["rawPath"] = context.Request.Path.Value,
            ["headers"] = new JsonObject(context.Request.Headers.Select(h => KeyValuePair.Create(h.Key.ToLowerInvariant(), (JsonNode?)h.Value.ToString()))),
            ["requestContext"] = new JsonObject { ["http"] = new JsonObject { ["method"] = context.Request.Method, ["path"] = context.Request.Path.Value } },
            ["body"] = body,
            ["isBase64Encoded"] = false,
        }.ToJsonString());
        var outcome = await InvokeAsync(payload, TimeSpan.FromSeconds(30), context.RequestAborted);
        context.Response.ContentType = "application/json";
        if (outcome.Response is null)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            await context.Response.WriteAsJsonAsync(outcome.Error, LambdaJson.Default.LambdaError, cancellationToken: context.RequestAborted);
            return;
        }
        var answer = JsonNode.Parse(outcome.Response);
        if (answer?["statusCode"] is { } status)
        {
            context.Response.StatusCode = status.GetValue<int>();
            foreach (var (name, value) in answer["headers"]?.AsObject() ?? []) context.Response.Headers[name] = value?.ToString();
            await context.Response.WriteAsync(answer["body"]?.GetValue<string>() ?? "", context.RequestAborted);
        }
        else await context.Response.Body.WriteAsync(outcome.Response, context.RequestAborted);
    }

    private IResult Complete(string id, LambdaOutcome outcome)
    {
        if (!_pending.TryRemove(id, out var answer))
            return TypedResults.Json(new LambdaError("InvalidRequestID", $"No invocation {id} is waiting for an answer."), LambdaJson.Default.LambdaError,
                statusCode: StatusCodes.Status400BadRequest);
        answer.TrySetResult(outcome);
        return Results.Accepted();
    }

    private static async Task<byte[]> ReadAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        return body.ToArray();
    }

    /// <summary>The error body, with the type from the Lambda-Runtime-Function-Error-Type header when the body has none.</summary>
    private static async Task<LambdaError> ErrorAsync(HttpContext context)
    {
        var header = context.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
        try
        {
            var error = JsonSerializer.Deserialize(await ReadAsync(context), LambdaJson.Default.LambdaError);
            return error is null ? new LambdaError(header, "") : error with { Type = string.IsNullOrEmpty(error.Type) ? header : error.Type };
        }
        catch (JsonException e)
        {
            return new LambdaError(header, $"(the error body was not JSON: {e.Message})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
