using System.Text.Json.Nodes;
using MathNet.Numerics.Statistics;
using Mlops.Bench.Commands;
using Mlops.Core.Processes;
using Spectre.Console;

namespace Mlops.Bench.Benchmarks;

/// <summary>
/// What monitoring costs the serving API (<c>mlops bench serve --monitoring</c>): one <c>mlops serve</c> process of the
/// same model per setting (monitoring off, the baseline, then each way of running it), all up for the whole
/// measurement, and wrk taking turns between them at each concurrency, the order rotating every round. Sequential
/// runs of one server then another drift by ±20 % on this shared 2-core machine; runs taking turns are hit alike, and
/// the medians compare. Beside the throughput, each run's CPU time of the server per request (<c>/proc/PID/stat</c>),
/// which wrk's share of the cores and the machine's drift blur far less.
/// </summary>
public sealed record MonitoringCost(IReadOnlyList<MonitoringCost.Setting> Settings, IReadOnlyList<MonitoringCost.Level> Levels)
{
    /// <summary>One way of running the server, by its <c>mlops serve</c> arguments (the port is added), and its peak RSS once measured.</summary>
    public sealed record Setting(string Name, string[] Arguments, double PeakRssMb = 0);

    /// <summary>Requests/s and the server's CPU milliseconds per 1,000 requests of every run at one concurrency, per setting.</summary>
    public sealed record Level(int Connections, IReadOnlyList<IReadOnlyList<double>> Rates, IReadOnlyList<IReadOnlyList<double>> Cpu)
    {
        public double MedianRate(int setting) => Rates[setting].Median();
        public double MedianCpu(int setting) => Cpu[setting].Median();
        /// <summary>Throughput lost against the baseline (setting 0).</summary>
        public double Cost(int setting) => 1 - MedianRate(setting) / MedianRate(0);
        /// <summary>CPU per request added against the baseline (setting 0), median against median.</summary>
        public double CpuCost(int setting) => MedianCpu(setting) / MedianCpu(0) - 1;
        /// <summary>
        /// The same, as the median of each round's ratio: a round's runs follow each other within seconds, so the
        /// machine's slower drift cancels out of the ratio.
        /// </summary>
        public double PairedCpuCost(int setting) => Cpu[setting].Select((cpu, round) => cpu / Cpu[0][round] - 1).Median();
    }

    /// <summary>Runs every setting's server from port <paramref name="port"/> on; the first setting is the baseline.</summary>
    public static async Task<MonitoringCost> MeasureAsync(string self, IReadOnlyList<Setting> settings, int port,
        IReadOnlyList<int> connectionLevels, int seconds, int rounds, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pids = new int[settings.Count];
        var args = settings.Select((s, i) => (string[])[.. s.Arguments, $"serving.port={port + i}"]).ToArray();
        var servers = args.Select((a, i) => ChildProcess.RunAsync(self, a, stop.Token, pid => pids[i] = pid)).ToArray();
        try
        {
            var urls = settings.Select((_, i) => $"http://127.0.0.1:{port + i}{BenchServeCommand.Query}").ToArray();
            for (var i = 0; i < settings.Count; i++)
            {
                using var client = new HttpClient { BaseAddress = new Uri(urls[i]), Timeout = TimeSpan.FromSeconds(2) };
                await ServingLoad.WaitUntilReadyAsync(self, args[i], servers[i], client, "/readyz", cancellationToken);
                await ServingLoad.WarmUpAsync(urls[i], cancellationToken);
            }
            var levels = new List<Level>();
            foreach (var connections in connectionLevels)
            {
                var rates = settings.Select(_ => new List<double>()).ToArray();
                var cpu = settings.Select(_ => new List<double>()).ToArray();
                for (var round = 0; round < rounds; round++)
                    for (var turn = 0; turn < settings.Count; turn++)
                    {
                        var side = (turn + round) % settings.Count;
                        var before = ChildProcess.CpuSeconds(pids[side]) ?? double.NaN;
                        var run = await ServingLoad.WrkAsync(connections, seconds, urls[side], cancellationToken);
                        var used = (ChildProcess.CpuSeconds(pids[side]) ?? double.NaN) - before;
                        rates[side].Add(run.RequestsPerSecond);
                        cpu[side].Add(used * 1000 / run.Requests * 1000);
                    }
                levels.Add(new Level(connections, rates, cpu));
            }
            await stop.CancelAsync();
            var measured = new List<Setting>();
            for (var i = 0; i < settings.Count; i++) measured.Add(settings[i] with { PeakRssMb = (await servers[i]).PeakRssMb });
            return new MonitoringCost(measured, levels);
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    public void Write(IAnsiConsole console, string shape)
    {
        var table = new Table().Title($"{shape}: what monitoring costs against '{Settings[0].Name}', wrk taking turns between the servers")
            .AddColumns("connections", "setting", "median requests/s", "throughput cost", "CPU ms / 1k req", "CPU cost", "CPU cost, paired by round",
                "runs (requests/s)", "peak RSS MB");
        foreach (var level in Levels)
            for (var i = 0; i < Settings.Count; i++)
                table.AddRow(level.Connections.ToString(), Settings[i].Name, $"{level.MedianRate(i):F0}", i == 0 ? "-" : $"{level.Cost(i):P1}",
                    $"{level.MedianCpu(i):F1}", i == 0 ? "-" : $"{level.CpuCost(i):P1}", i == 0 ? "-" : $"{level.PairedCpuCost(i):P1}",
                    string.Join(" ", level.Rates[i].Select(r => r.ToString("F0"))),
                    $"{Settings[i].PeakRssMb:F0}");
        console.Write(table);
    }

    public JsonObject ToJson() => new()
    {
        ["settings"] = new JsonArray([.. Settings.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["peak_rss_mb"] = s.PeakRssMb })]),
        ["levels"] = new JsonArray([.. Levels.Select(l => (JsonNode)new JsonObject
        {
            ["connections"] = l.Connections,
            ["settings"] = new JsonArray([.. Settings.Select((s, i) => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["requests_per_s"] = new JsonArray([.. l.Rates[i].Select(r => (JsonNode)r)]),
                ["cpu_ms_per_1000"] = new JsonArray([.. l.Cpu[i].Select(r => (JsonNode)r)]),
                ["median_requests_per_s"] = l.MedianRate(i),
                ["median_cpu_ms_per_1000"] = l.MedianCpu(i),
                ["cost"] = i == 0 ? 0 : l.Cost(i),
                ["cpu_cost"] = i == 0 ? 0 : l.CpuCost(i),
                ["paired_cpu_cost"] = i == 0 ? 0 : l.PairedCpuCost(i),
            })]),
        })]),
    };
}
