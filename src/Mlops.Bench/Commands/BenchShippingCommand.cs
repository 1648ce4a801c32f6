using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Mlops.Bench.Benchmarks;
using Mlops.Core;
using Mlops.Core.Processes;
using Spectre.Console;
using Spectre.Console.Cli;
using Mlops.Testing;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench shipping</c>: the log backend goes down under load and comes back. <c>mlops serve</c> ships its
/// prediction events to an Elasticsearch stand-in (none installs here) while wrk loads it through three phases - the
/// backend up, down for <c>--down-seconds</c>, up again - and each phase reports the API's throughput, p99 and failed
/// answers beside the shipper's counters (shipped, dropped, held, up) and the server's peak RSS; then how long the
/// shipper took to empty its buffer once the backend was back. The anchor is the same server with the backend up.
/// </summary>
public sealed class BenchShippingCommand : AsyncCommand<BenchShippingCommand.Settings>
{
    /// <summary>Options of <c>mlops bench shipping</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--shape <SHAPE>"), DefaultValue("tiny")] public string Shape { get; init; } = "tiny";
        [CommandOption("--down-seconds <N>"), Description("How long the backend is down."), DefaultValue(60)] public int DownSeconds { get; init; } = 60;
        [CommandOption("--seconds <N>"), Description("Length of the phases before and after the outage."), DefaultValue(20)] public int Seconds { get; init; } = 20;
        [CommandOption("--connections <N>"), DefaultValue(16)] public int Connections { get; init; } = 16;
    }

    private const string Sink = "{sink=\"elasticsearch\"}";

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        var work = Directory.CreateTempSubdirectory("mlops-bench-shipping-");
        using var elasticsearch = new ElasticsearchStandIn { KeepDocuments = false };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<ChildProcessResult>? server = null;
        try
        {
            var model = Path.Combine(work.FullName, settings.Shape);
            await Measurement.RunAsync(self, [.. prefix, "bench", "inference-prepare", "--shape", settings.Shape, "--out", model], cancellationToken);
            const int port = 18300;
            string[] args = [.. prefix, "serve", $"serving.model_dir={model}", $"serving.port={port}", $"monitoring.elasticsearch.url={elasticsearch.Url}",
                $"monitoring.log_dir={Path.Combine(work.FullName, "logs")}", $"tracking.uri=sqlite:{Path.Combine(work.FullName, "mlops.db")}"];
            var pid = 0;
            server = ChildProcess.RunAsync(self, args, stop.Token, started => pid = started);
            var url = $"http://127.0.0.1:{port}{BenchServeCommand.Query}";
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            await ServingLoad.WaitUntilReadyAsync(self, args, server, client, "/readyz", cancellationToken);
            await ServingLoad.WarmUpAsync(url, cancellationToken);

            var table = new Table().Title($"{settings.Shape}: wrk -c{settings.Connections} on GET /predict while the Elasticsearch stand-in goes down and comes back (buffer 20,000 events)")
                .AddColumns("phase", "seconds", "requests/s", "p99 ms", "non-2xx", "shipped", "dropped", "held at end", "shipping up", "peak RSS MB");
            var results = new JsonArray();
            foreach (var (phase, mode, seconds) in new[] { ("backend up", ElasticsearchStandIn.Behaviour.Accept, settings.Seconds),
                         ("backend down (503)", ElasticsearchStandIn.Behaviour.Unavailable, settings.DownSeconds), ("backend back up", ElasticsearchStandIn.Behaviour.Accept, settings.Seconds) })
            {
                elasticsearch.Mode = mode;
                var before = await MetricsScrape.FetchAsync(client, cancellationToken);
                var run = await ServingLoad.WrkAsync(settings.Connections, seconds, url, cancellationToken);
                var after = await MetricsScrape.FetchAsync(client, cancellationToken);
                double Delta(string series) => after.Value(series) - (double.IsNaN(before.Value(series)) ? 0 : before.Value(series));
                var (shipped, dropped) = (Delta("mlops_prediction_events_shipped_total" + Sink), Delta("mlops_prediction_events_dropped_total" + Sink));
                var (held, up, rss) = (after.Value("mlops_prediction_shipping_held_events" + Sink), after.Value("mlops_prediction_shipping_up" + Sink),
                    ChildProcess.PeakRssMb(pid) ?? double.NaN);
                table.AddRow(phase, seconds.ToString(), $"{run.RequestsPerSecond:F0}", $"{run.P99Ms:F2}", run.Failed.ToString(), $"{shipped:F0}", $"{dropped:F0}",
                    $"{held:F0}", up == 1 ? "yes" : "no", $"{rss:F0}");
                results.Add(new JsonObject
                {
                    ["benchmark"] = "shipping",
                    ["phase"] = phase,
                    ["seconds"] = seconds,
                    ["requests_per_s"] = run.RequestsPerSecond,
                    ["p99_ms"] = run.P99Ms,
                    ["non_2xx"] = run.Failed,
                    ["shipped"] = shipped,
                    ["dropped"] = dropped,
                    ["held"] = held,
                    ["up"] = up,
                    ["peak_rss_mb"] = rss,
                });
            }
            var drained = Stopwatch.StartNew();
            while ((await MetricsScrape.FetchAsync(client, cancellationToken)).Value("mlops_prediction_shipping_held_events" + Sink) > 0 && drained.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(100, cancellationToken);
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"After the load the shipper's buffer was empty in {drained.Elapsed.TotalSeconds:F1} s; the stand-in indexed {elasticsearch.Indexed} events in all.");
            results.Add(new JsonObject { ["benchmark"] = "shipping", ["phase"] = "drain after load", ["seconds"] = drained.Elapsed.TotalSeconds, ["indexed"] = elasticsearch.Indexed });
            await settings.WriteJsonAsync(results, cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            await stop.CancelAsync();
            if (server is not null) await server;
            work.Delete(recursive: true);
        }
    }
}
