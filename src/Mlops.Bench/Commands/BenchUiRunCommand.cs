using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.Bench.Benchmarks;
using Mlops.Core;
using Mlops.Tracking;
using Mlops.Ui;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary><c>mlops bench ui-run</c> (used by <c>bench ui</c>): seeds a fresh store, serves the dashboard over it, times its requests, as one JSON line.</summary>
public sealed class BenchUiRunCommand : AsyncCommand<BenchUiRunCommand.Settings>
{
    /// <summary>Options of <c>mlops bench ui-run</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--uri <URI>")] public string Uri { get; init; } = "";
        [CommandOption("--runs <N>"), DefaultValue(10_000)] public int Runs { get; init; } = 10_000;
        [CommandOption("--points <N>"), DefaultValue(100_000)] public int Points { get; init; } = 100_000;
        [CommandOption("--repeats <N>"), DefaultValue(50)] public int Repeats { get; init; } = 50;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var store = TrackingStores.Open(settings.Uri);
        var seeding = Stopwatch.StartNew();
        var longRun = await DashboardLoad.SeedAsync(store, settings.Runs, settings.Points, cancellationToken);
        var seedSeconds = seeding.Elapsed.TotalSeconds;
        await using var app = await DashboardServer.StartAsync(store, store, new DashboardOptions { Port = 0 }, NullLogger.Instance, cancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(app.Address()) };
        var some = string.Join(",", (await store.ListRunsAsync(new RunQuery { Limit = 5 }, cancellationToken)).Select(r => r.Id));
        var timings = await DashboardLoad.MeasureAsync(http,
        [
            ("runs: first page", "/api/runs?limit=50"),
            ("runs: page 100, sorted by val_mcc", "/api/runs?limit=50&offset=5000&sort=val_mcc"),
            ("runs: filter val_mcc > 0.3 and model.shape = minilm", "/api/runs?limit=50&filter=val_mcc%20%3E%200.3%20and%20model.shape%20%3D%20minilm"),
            ("run page: the run", $"/api/runs/{longRun}"),
            ($"run page: {settings.Points:N0}-point series, sampled to 1,000", $"/api/runs/{longRun}/series?key=train_loss&points=1000"),
            ("compare 5 runs", $"/api/compare?ids={some}"),
        ], settings.Repeats, cancellationToken);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            runs = settings.Runs,
            points = settings.Points,
            seed_s = Math.Round(seedSeconds, 2),
            requests = timings.Select(t => new { name = t.Request, p50_ms = Math.Round(t.P50Ms, 2), p95_ms = Math.Round(t.P95Ms, 2), max_ms = Math.Round(t.MaxMs, 2), bytes = t.Bytes }),
        }));
        return ExitCodes.Success;
    }
}
