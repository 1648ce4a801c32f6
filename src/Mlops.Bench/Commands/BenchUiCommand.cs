using System.ComponentModel;
using System.Text.Json.Nodes;
using Mlops.Bench.Benchmarks;
using Mlops.Core;
using Mlops.Core.Processes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench ui</c>: how fast the dashboard answers over a big store (10,000 runs, a 100,000-point series) on SQLite
/// and, with <c>--postgres</c>, PostgreSQL; each store in a process of its own, whose peak RSS is reported. No anchor:
/// W&amp;B's dashboard needs an account and the network, and MLflow's server is not packaged for Debian.
/// </summary>
public sealed class BenchUiCommand : AsyncCommand<BenchUiCommand.Settings>
{
    /// <summary>Options of <c>mlops bench ui</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--runs <N>"), DefaultValue(10_000)] public int Runs { get; init; } = 10_000;
        [CommandOption("--points <N>"), DefaultValue(100_000)] public int Points { get; init; } = 100_000;
        [CommandOption("--repeats <N>"), Description("Times each request is timed."), DefaultValue(50)] public int Repeats { get; init; } = 50;
        [CommandOption("--postgres <URI>"), Description("Also measure on a PostgreSQL server (postgresql://user@host:port/db); the benchmark's database is dropped after.")]
        public string? Postgres { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        var work = Directory.CreateTempSubdirectory("mlops-bench-ui-");
        try
        {
            var table = new Table().Title($"Dashboard API over {settings.Runs:N0} runs and a {settings.Points:N0}-point series ({settings.Repeats} requests each, loopback HTTP)")
                .AddColumns("store", "request", "p50 ms", "p95 ms", "max ms", "bytes", "bar", "peak RSS MB");
            var results = new JsonArray();
            foreach (var (store, create) in BenchDatabases.Stores(work.FullName, settings.Postgres, cancellationToken))
            {
                var m = await Measurement.RunAsync(self, [.. prefix, "bench", "ui-run", "--uri", await create("ui"), "--runs", settings.Runs.ToString(),
                    "--points", settings.Points.ToString(), "--repeats", settings.Repeats.ToString()], cancellationToken);
                foreach (var request in m.Json["requests"]!.AsArray())
                {
                    var name = request!["name"]!.GetValue<string>();
                    var bar = name.StartsWith("runs:", StringComparison.Ordinal) ? "< 100 ms" : name.Contains("series", StringComparison.Ordinal) ? "< 200 ms" : "";
                    table.AddRow(store, Markup.Escape(name), $"{request["p50_ms"]}", $"{request["p95_ms"]}", $"{request["max_ms"]}", $"{request["bytes"]}", bar, $"{m.PeakRssMb:F0}");
                }
                AnsiConsole.MarkupLine($"{store}: seeding took {m.Json["seed_s"]} s.");
                results.Add(new JsonObject { ["benchmark"] = "ui", ["store"] = store, ["measurement"] = m.ToJson() });
            }
            AnsiConsole.Write(table);
            await settings.WriteJsonAsync(results, cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            work.Delete(recursive: true);
            if (settings.Postgres is { } server) await BenchDatabases.DropAllAsync(server, CancellationToken.None);
        }
    }
}
