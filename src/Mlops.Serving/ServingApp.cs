using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Console;
using Mlops.Core;
using Mlops.Inference;
using Mlops.Inference.Onnx;
using Mlops.Monitoring;
using Mlops.Tracking.Predictions;
using Prometheus;

namespace Mlops.Serving;

/// <summary>
/// The prediction API on ASP.NET Core minimal APIs: loads the export with ONNX Runtime, warms it up, and maps the
/// prediction, health and fallback routes. Started by <c>mlops-serve</c> and by <c>mlops serve</c>; tests start it on a free port.
/// </summary>
public static class ServingApp
{
    /// <summary>The host for <paramref name="options"/>; <paramref name="trackingUri"/>: the store prediction events land in (<c>monitoring.store</c>), none when null.</summary>
    public static async Task<WebApplication> BuildAsync(ServingOptions options, MonitoringOptions monitoring, string? trackingUri = null,
        CancellationToken cancellationToken = default)
    {
        if (options.Engine == InferenceEngine.Torch)
            throw new MlopsException("The serving host runs ONNX Runtime only; serving.engine=torch is for `mlops predict`.",
                "Export the model with `mlops export` and serve with serving.engine=auto or onnx.", ExitCodes.ConfigError);
        var directory = ModelDirectory.Locate(options.ModelDir);
        var (classifier, metadata) = await OnnxClassifier.LoadAsync(directory, options.Onnx, options.BatchSize, cancellationToken);
        var model = new ModelState(classifier, metadata);
        PredictionRecorder? recorder = null;
        var batcher = new PredictionBatcher(classifier, options.BatchSize, TimeSpan.FromMilliseconds(options.MaxWaitMs), options.QueueCapacity);
        var metrics = new ServingMetrics(Metrics.NewCustomRegistry(), batcher);
        try
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            });
            // A line per request at information level would be the busiest thing a loaded server does; access logs come with monitoring.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
            // A failed start (a port in use) is reported once, as one line, by whoever started the host.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
            // stdout carries the prediction events, JSON lines a collector parses as such; the host's own lines go to stderr.
            builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Services.AddSingleton(model);
            builder.Services.AddSingleton(batcher);
            builder.Services.AddSingleton(metrics);
            builder.Services.AddSingleton(options);
            builder.Services.AddProblemDetails();
            builder.Services.AddOpenApi();
            builder.Services.ConfigureHttpJsonOptions(json =>
            {
                json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
                json.SerializerOptions.TypeInfoResolverChain.Insert(0, ServingJson.Default);
            });
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownSeconds));
            var app = builder.Build();
            recorder = await PredictionRecorder.CreateAsync(monitoring, directory, classifier.LabelNames, classifier.EmbeddingSize, "api", metadata.ModelId, metadata.Version,
                app.Logger, cancellationToken, store: monitoring.Enabled ? PredictionStoreTarget.Open(monitoring.Store, trackingUri, app.Logger) : null);
            if (recorder is not null) MonitoringMetrics.Register(metrics.Registry, recorder);
            app.UseRequestIds();
            app.UseRouting();
            app.UseHttpMetrics(http => http.SetMetricFactory(Metrics.WithCustomRegistry(metrics.Registry)));
            app.MapMetrics("/metrics", metrics.Registry);
            app.Lifetime.ApplicationStopping.Register(model.StopTakingTraffic);
            app.Lifetime.ApplicationStopped.Register(() =>
            {
                batcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
                model.Dispose();
                recorder?.Dispose();
            });
            PredictionEndpoints.Map(app, recorder);
            app.MapOpenApi();
            var page = ReadTryPage();
            app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8")).ExcludeFromDescription();
            app.MapGet("/healthz", () => Results.Ok(new Liveness("alive")));
            app.MapGet("/readyz", (HttpContext context) => model.Ready
                ? Results.Ok(new Readiness("ready", metadata.ModelId))
                : Problems.Of(context, 503, "Not ready", "The model is not loaded yet, or the host is shutting down."));
            app.MapFallback((HttpContext context) => Problems.Of(context, 404, "Not found",
                $"No route {context.Request.Method} {context.Request.Path}; try GET / (a page to try a sentence), GET /predict?text=..., POST /v1/predict, GET /healthz, GET /readyz, GET /metrics, GET /openapi/v1.json."));
            model.WarmUp();
            app.Logger.LogInformation("Model {Version} loaded and warmed up {Milliseconds:F0} ms after the process started",
                model.Version, (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds);
            return app;
        }
        catch
        {
            await batcher.DisposeAsync();
            model.Dispose();
            recorder?.Dispose();
            throw;
        }
    }

    /// <summary>Starts listening on serving.host:serving.port; when it cannot (the port in use) that is one line naming those keys, exit 6.</summary>
    public static async Task ListenAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw ListenFailure.For("The prediction API", e, "serving.port", "serving.host");
        }
    }

    private static string ReadTryPage()
    {
        using var stream = typeof(ServingApp).Assembly.GetManifestResourceStream("Mlops.Serving.TryPage.html")
            ?? throw new InvalidOperationException("The try-it page is not embedded in the serving assembly.");
        return new StreamReader(stream).ReadToEnd();
    }
}
