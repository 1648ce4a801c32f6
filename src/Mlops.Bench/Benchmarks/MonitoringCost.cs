using System.Text.Json.Nodes;
using Mlops.Bench.Commands;
using Mlops.Core.Processes;
using Spectre.Console;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// What monitoring costs the serving API (<c>mlops bench serve --monitoring</c>): two <c>mlops serve</c> processes of the
/// same model, one with monitoring on and one with it off, both up for the whole measurement, and wrk alternating
/// between them (off-on, then on-off, ...) at each concurrency. Sequential runs of one server then the other drift by
/// ±20 % on this shared 2-core machine; alternating runs hit both alike, and the medians compare.
/// </summary>
public sealed record MonitoringCost(IReadOnlyList<MonitoringCost.Level> Levels, double PeakRssOnMb, double PeakRssOffMb)
{
    /// <summary>Requests/s of every run at one concurrency, monitoring on and off.</summary>
    public sealed record Level(int Connections, IReadOnlyList<double> On, IReadOnlyList<double> Off)
    {
        public double MedianOn => Statistics.Median(On);
        public double MedianOff => Statistics.Median(Off);
        public double Cost => 1 - MedianOn / MedianOff;
    }

    public static async Task<MonitoringCost> MeasureAsync(string self, string[] monitored, string[] unmonitored, int port,
        IReadOnlyList<int> connectionLevels, int seconds, int rounds, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string[] onArgs = [.. monitored, $"serving.port={port}"], offArgs = [.. unmonitored, $"serving.port={port + 1}"];
        var on = ChildProcess.RunAsync(self, onArgs, stop.Token);
        var off = ChildProcess.RunAsync(self, offArgs, stop.Token);
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
                var (onRuns, offRuns) = (new List<double>(), new List<double>());
                for (var round = 0; round < rounds; round++)
                    foreach (var monitoringOn in round % 2 == 0 ? new[] { false, true } : [true, false])
                        (monitoringOn ? onRuns : offRuns).Add((await ServingLoad.WrkAsync(connections, seconds, urls[monitoringOn ? 0 : 1], cancellationToken)).RequestsPerSecond);
                levels.Add(new Level(connections, onRuns, offRuns));
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
        var table = new Table().Title($"{shape}: what monitoring costs (events to rolling files, drift window, gauges), wrk alternating between the two servers")
            .AddColumns("connections", "on: median requests/s", "off: median requests/s", "cost", "on: runs", "off: runs");
        foreach (var level in Levels)
            table.AddRow(level.Connections.ToString(), $"{level.MedianOn:F0}", $"{level.MedianOff:F0}", $"{level.Cost:P1}",
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
        })]),
    };
}
