using System.Text.Json.Nodes;
using Mlops.Bench.Commands;
using Mlops.Core.Processes;
using Spectre.Console;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// What monitoring costs the serving API (<c>mlops bench serve --monitoring</c>): two <c>mlops serve</c> processes of the
/// same model, one with monitoring on and one with it off, both up for the whole measurement, and wrk alternating
/// between them (off-on, then on-off, ...) at each concurrency. Sequential runs of one server then the other drift by
/// ±20 % on this shared 2-core machine; alternating runs hit both alike, and the medians compare. Beside the
/// throughput, each run's CPU time of the server per request (<c>/proc/PID/stat</c>), which wrk's share of the cores
/// and the machine's drift blur far less.
/// </summary>
public sealed record MonitoringCost(IReadOnlyList<MonitoringCost.Level> Levels, double PeakRssOnMb, double PeakRssOffMb)
{
    /// <summary>Requests/s and the server's CPU milliseconds per 1,000 requests of every run at one concurrency, monitoring on and off.</summary>
    public sealed record Level(int Connections, IReadOnlyList<double> On, IReadOnlyList<double> Off, IReadOnlyList<double> CpuOn, IReadOnlyList<double> CpuOff)
    {
        public double MedianOn => Statistics.Median(On);
        public double MedianOff => Statistics.Median(Off);
        public double Cost => 1 - MedianOn / MedianOff;
        public double CpuCost => Statistics.Median(CpuOn) / Statistics.Median(CpuOff) - 1;
    }

    public static async Task<MonitoringCost> MeasureAsync(string self, string[] monitored, string[] unmonitored, int port,
        IReadOnlyList<int> connectionLevels, int seconds, int rounds, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string[] onArgs = [.. monitored, $"serving.port={port}"], offArgs = [.. unmonitored, $"serving.port={port + 1}"];
        int[] pids = [0, 0];
        var on = ChildProcess.RunAsync(self, onArgs, stop.Token, pid => pids[0] = pid);
        var off = ChildProcess.RunAsync(self, offArgs, stop.Token, pid => pids[1] = pid);
        try
        {
            string[] urls = [$"http://127.0.0.1:{port}{BenchServeCommand.Query}", $"http://127.0.0.1:{port + 1}{BenchServeCommand.Query}"];
            foreach (var (server, args, url) in new[] { (on, onArgs, urls[0]), (off, offArgs, urls[1]) })
            {
                using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(2) };
                await ServingLoad.WaitUntilReadyAsync(self, args, server, client, "/readyz", cancellationToken);
                await ServingLoad.WarmUpAsync(url, cancellationToken);
            }
            var levels = new List<Level>();
            foreach (var connections in connectionLevels)
            {
                List<double>[] rates = [[], []], cpu = [[], []];
                for (var round = 0; round < rounds; round++)
                    foreach (var side in round % 2 == 0 ? new[] { 1, 0 } : [0, 1])
                    {
                        var before = ChildProcess.CpuSeconds(pids[side]) ?? double.NaN;
                        var run = await ServingLoad.WrkAsync(connections, seconds, urls[side], cancellationToken);
                        var used = (ChildProcess.CpuSeconds(pids[side]) ?? double.NaN) - before;
                        rates[side].Add(run.RequestsPerSecond);
                        cpu[side].Add(used * 1000 / run.Requests * 1000);
                    }
                levels.Add(new Level(connections, rates[0], rates[1], cpu[0], cpu[1]));
            }
            await stop.CancelAsync();
            return new MonitoringCost(levels, (await on).PeakRssMb, (await off).PeakRssMb);
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    public void Write(IAnsiConsole console, string shape)
    {
        var table = new Table().Title($"{shape}: what monitoring costs (events to rolling files and the tracking store, drift window, gauges), wrk alternating between the two servers")
            .AddColumns("connections", "on: median requests/s", "off: median requests/s", "throughput cost", "on: CPU ms / 1k req", "off: CPU ms / 1k req",
                "CPU cost", "on: runs", "off: runs");
        foreach (var level in Levels)
            table.AddRow(level.Connections.ToString(), $"{level.MedianOn:F0}", $"{level.MedianOff:F0}", $"{level.Cost:P1}",
                $"{Statistics.Median(level.CpuOn):F1}", $"{Statistics.Median(level.CpuOff):F1}", $"{level.CpuCost:P1}",
                string.Join(" ", level.On.Select(r => r.ToString("F0"))), string.Join(" ", level.Off.Select(r => r.ToString("F0"))));
        console.Write(table);
        console.MarkupLine($"Peak RSS: {PeakRssOnMb:F0} MB with monitoring, {PeakRssOffMb:F0} MB without.");
    }

    public JsonObject ToJson() => new()
    {
        ["peak_rss_on_mb"] = PeakRssOnMb,
        ["peak_rss_off_mb"] = PeakRssOffMb,
        ["levels"] = new JsonArray([.. Levels.Select(l => (JsonNode)new JsonObject
        {
            ["connections"] = l.Connections,
            ["on_requests_per_s"] = new JsonArray([.. l.On.Select(r => (JsonNode)r)]),
            ["off_requests_per_s"] = new JsonArray([.. l.Off.Select(r => (JsonNode)r)]),
            ["median_on"] = l.MedianOn,
            ["median_off"] = l.MedianOff,
            ["cost"] = l.Cost,
            ["cpu_ms_per_1000_on"] = new JsonArray([.. l.CpuOn.Select(r => (JsonNode)r)]),
            ["cpu_ms_per_1000_off"] = new JsonArray([.. l.CpuOff.Select(r => (JsonNode)r)]),
            ["cpu_cost"] = l.CpuCost,
        })]),
    };
}
