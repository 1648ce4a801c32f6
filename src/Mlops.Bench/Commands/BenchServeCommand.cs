using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Bench.Benchmarks;
using Mlops.Core;
using Mlops.Core.Processes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench serve</c>: <c>wrk</c> against our API (<c>mlops serve</c>, ONNX Runtime, adaptive batching) and against
/// the course's stack (<c>shared/anchors/fastapi_serve.py</c>: FastAPI + uvicorn + PyTorch) in the same run, the same
/// model shape and the same <c>GET /predict?text=</c>: requests/s, p50, p99, non-2xx answers, and each server's peak RSS.
/// Ours runs with monitoring on (events to rolling files and the tracking store, drift detection); <c>--monitoring</c> also measures it against
/// monitoring off and against monitoring without the tracking store, the three servers up together and wrk taking turns
/// between them, so the machine's drift hits all alike.
/// </summary>
public sealed class BenchServeCommand : AsyncCommand<BenchServeCommand.Settings>
{
    /// <summary>Options of <c>mlops bench serve</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--anchor <PATH>"), Description("fastapi_serve.py (default: shared/anchors/fastapi_serve.py beside the checkout).")]
        public string? Anchor { get; init; }

        [CommandOption("--python <PATH>"), Description("Python with Debian's torch, fastapi and uvicorn."), DefaultValue("/usr/bin/python3")]
        public string Python { get; init; } = "/usr/bin/python3";

        [CommandOption("--shapes <LIST>"), DefaultValue("tiny,minilm")] public string Shapes { get; init; } = "tiny,minilm";
        [CommandOption("--connections <LIST>"), Description("wrk concurrency levels."), DefaultValue("1,16,64")] public string Connections { get; init; } = "1,16,64";
        [CommandOption("--seconds <N>"), Description("Duration of each wrk run."), DefaultValue(10)] public int Seconds { get; init; } = 10;
        [CommandOption("--threads <N>"), DefaultValue(2)] public int Threads { get; init; } = 2;

        [CommandOption("--monitoring"), Description("Also measure what monitoring costs: mlops serve with it off, on without the tracking store, and on; wrk runs taking turns.")]
        public bool Monitoring { get; init; }

        [CommandOption("--rounds <N>"), Description("Runs per server and concurrency for --monitoring, taking turns (the median counts)."), DefaultValue(5)]
        public int Rounds { get; init; } = 5;
    }

    public const string Query = "/predict?text=the+cat+sat+on+the+mat";

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var anchor = AnchorLocator.Require(settings.Anchor, "anchors/fastapi_serve.py", "--anchor");
        var (self, prefix) = ChildProcess.Self();
        var work = Directory.CreateTempSubdirectory("mlops-bench-serve-");
        var results = new JsonArray();
        var table = new Table().Title($"GET {Query}, wrk {settings.Seconds} s per run, {settings.Threads} server threads, 2 cores shared with wrk")
            .AddColumns("shape", "server", "connections", "requests/s", "p50 ms", "p99 ms", "non-2xx", "peak RSS MB", "vs anchor",
                "mean batch", "queue wait ms", "model ms/batch", "model busy");
        try
        {
            foreach (var shape in settings.Shapes.Split(','))
            {
                var model = Path.Combine(work.FullName, shape);
                await Measurement.RunAsync(self, [.. prefix, "bench", "inference-prepare", "--shape", shape, "--out", model], cancellationToken);
                var port = 18000 + results.Count;
                string[] serve = [.. prefix, "serve", $"serving.model_dir={model}", $"serving.threads={settings.Threads}"];
                // Monitoring on, as `mlops serve` runs it: every prediction an event in rolling files and in the tracking store
                // (batched), the drift window fed and stamped on the events.
                string[] monitored = [.. serve, $"monitoring.log_dir={Path.Combine(work.FullName, "logs", shape)}",
                    $"tracking.uri=sqlite:{Path.Combine(work.FullName, "logs", shape, "mlops.db")}"];
                var ours = await MeasureAsync(self, [.. monitored, $"serving.port={port}"], port, "/readyz", profileBatching: true, settings, cancellationToken);
                var theirs = await MeasureAsync(settings.Python, ServingLoad.AnchorArguments(anchor, port + 100, settings.Threads, shape),
                    port + 100, "/", profileBatching: false, settings, cancellationToken);
                foreach (var (name, server) in new[] { ("mlops serve (ONNX Runtime)", ours), ("FastAPI + PyTorch (anchor)", theirs) })
                    foreach (var (connections, run, profile) in server.Runs)
                    {
                        var anchorRun = theirs.Runs.Single(r => r.Connections == connections).Result;
                        string[] batching = profile is null ? ["-", "-", "-", "-"]
                            : [$"{profile.MeanBatch:F1}", $"{profile.MeanQueueWaitMs:F2}", $"{profile.MeanModelMs:F2}", $"{profile.ModelBusyShare:P0}"];
                        table.AddRow([shape, name, connections.ToString(), $"{run.RequestsPerSecond:F0}", $"{run.P50Ms:F2}", $"{run.P99Ms:F2}", run.Failed.ToString(),
                            $"{server.PeakRssMb:F0}", $"{run.RequestsPerSecond / anchorRun.RequestsPerSecond:F1}x", .. batching]);
                    }
                results.Add(new JsonObject
                {
                    ["benchmark"] = "serve",
                    ["shape"] = shape,
                    ["mlops"] = ToJson(ours),
                    ["anchor"] = ToJson(theirs),
                });
                if (settings.Monitoring)
                {
                    MonitoringCost.Setting[] settingsToCompare =
                    [
                        new("monitoring off", [.. serve, "monitoring.enabled=false"]),
                        new("on, no tracking store", [.. monitored, "monitoring.store.enabled=false"]),
                        new("on (default)", monitored),
                    ];
                    var cost = await MonitoringCost.MeasureAsync(self, settingsToCompare, port + 50,
                        [.. settings.Connections.Split(',').Select(int.Parse)], settings.Seconds, settings.Rounds, cancellationToken);
                    cost.Write(AnsiConsole.Console, shape);
                    results[^1]!["monitoring_cost"] = cost.ToJson();
                }
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
        AnsiConsole.Write(table);
        await settings.WriteJsonAsync(results, cancellationToken);
        return ExitCodes.Success;

        static JsonObject ToJson(ServerRuns runs) => new()
        {
            ["peak_rss_mb"] = runs.PeakRssMb,
            ["runs"] = new JsonArray([.. runs.Runs.Select(r => (JsonNode)new JsonObject
            {
                ["connections"] = r.Connections,
                ["requests_per_s"] = r.Result.RequestsPerSecond,
                ["p50_ms"] = r.Result.P50Ms,
                ["p99_ms"] = r.Result.P99Ms,
                ["requests"] = r.Result.Requests,
                ["non_2xx"] = r.Result.Failed,
                ["mean_batch"] = r.Profile?.MeanBatch,
                ["mean_queue_wait_ms"] = r.Profile?.MeanQueueWaitMs,
                ["mean_model_ms_per_batch"] = r.Profile?.MeanModelMs,
                ["model_busy_share"] = r.Profile?.ModelBusyShare,
            })]),
        };
    }

    private sealed record ServerRuns(IReadOnlyList<(int Connections, WrkResult Result, BatchingProfile? Profile)> Runs, double PeakRssMb);

    /// <summary>
    /// Starts a server, waits for it to answer, warms it up for 3 s, runs wrk at each concurrency (reading our batcher's histograms from
    /// /metrics around each run when <paramref name="profileBatching"/>), then stops it with SIGTERM and reads its peak RSS.
    /// </summary>
    private static async Task<ServerRuns> MeasureAsync(string file, string[] args, int port, string readyPath, bool profileBatching, Settings settings,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var server = ChildProcess.RunAsync(file, args, stop.Token);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
        await ServingLoad.WaitUntilReadyAsync(file, args, server, client, readyPath, cancellationToken);
        await ServingLoad.WarmUpAsync($"http://127.0.0.1:{port}{Query}", cancellationToken);
        async Task<IReadOnlyDictionary<string, double>?> Totals() =>
            profileBatching ? BatchingProfile.Totals(await client.GetStringAsync("/metrics", cancellationToken)) : null;
        var runs = new List<(int, WrkResult, BatchingProfile?)>();
        foreach (var connections in settings.Connections.Split(',').Select(int.Parse))
        {
            var before = await Totals();
            var wrk = await ServingLoad.WrkAsync(connections, settings.Seconds, $"http://127.0.0.1:{port}{Query}", cancellationToken);
            var after = await Totals();
            var profile = before is null || after is null ? null : BatchingProfile.Between(before, after, TimeSpan.FromSeconds(settings.Seconds));
            runs.Add((connections, wrk, profile));
        }
        await stop.CancelAsync();
        return new ServerRuns(runs, (await server).PeakRssMb);
    }
}
