using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Tracking;
using Mlops.Tracking.Predictions;

namespace Mlops.Ui;

/// <summary>
/// <c>mlops ui</c>'s web server: the four pages (runs, a run, a comparison, monitoring) and their bundle, the JSON API over one tracking store, security
/// headers (a script policy that runs only the bundle), and the token gate for any bind beyond loopback.
/// </summary>
public static class DashboardServer
{
    /// <summary>Starts serving <paramref name="store"/> and the prediction events in <paramref name="predictions"/> (the same database when it is one of ours); the returned app's <see cref="Address"/> is where (a free port when Port is 0).</summary>
    public static async Task<WebApplication> StartAsync(ITrackingStore store, IPredictionStore predictions, DashboardOptions options, ILogger logger,
        CancellationToken cancellationToken = default)
    {
        if (!options.IsLoopback && string.IsNullOrEmpty(options.Token))
            throw new MlopsException($"Serving the dashboard on {options.Host} would show every run to anyone who can reach it.",
                "Give it a token (mlops ui --token SECRET, or MLOPS_UI_TOKEN), or keep the default ui.host=127.0.0.1.", ExitCodes.UserError);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{(options.Host.Contains(':') ? $"[{options.Host}]" : options.Host)}:{options.Port}");
        builder.Services.AddSingleton(new DashboardAssets());
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        });
        if (!string.IsNullOrEmpty(options.Token)) app.Use(new TokenGate(options.Token).InvokeAsync);
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (MlopsException e) when (!context.Response.HasStarted)
            {
                await RunsApi.Problem(StatusCodes.Status400BadRequest, e.Message).ExecuteAsync(context);
            }
            catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
            {
                logger.LogError(e, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                await RunsApi.Problem(StatusCodes.Status500InternalServerError, $"The dashboard failed on this request: {e.Message}").ExecuteAsync(context);
            }
        });
        // Routing after the gate and the error handler, so both see every request (and a route that fails to bind is one logged line).
        app.UseRouting();
        var assets = app.Services.GetRequiredService<DashboardAssets>();
        app.MapGet("/", (HttpContext context) => assets.Serve("index.html", context));
        app.MapGet("/runs/{id}", (HttpContext context) => assets.Serve("run.html", context));
        app.MapGet("/compare", (HttpContext context) => assets.Serve("compare.html", context));
        app.MapGet("/monitoring", (HttpContext context) => assets.Serve("monitoring.html", context));
        foreach (var file in new[] { "app.js", "app.css" }) app.MapGet("/" + file, (HttpContext context) => assets.Serve(file, context));
        new RunsApi(store, options).Map(app);
        new MonitoringApi(predictions, options.Drift).Map(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw ListenFailure.For("The dashboard", e, "ui.port (0 picks a free one)", "ui.host");
        }
        return app;
    }

    /// <summary>The address the started dashboard listens on, e.g. <c>http://127.0.0.1:5050</c>.</summary>
    public static string Address(this WebApplication app) =>
        app.Urls.First();
}
