using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MathNet.Numerics.Statistics;
using Mlops.Bench.Benchmarks;
using Mlops.Core;
using Mlops.Core.Processes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench tracking</c>: what tracking costs training (the same training run with tracking off - or in
/// <c>--baseline jsonl</c>, the old default - and on, alternated: a tiny model, or <c>--model minilm</c> for the README's
/// main job), how fast one writer ingests a million points, and whether eight training-like writers on one SQLite
/// file lose anything or meet "database is locked" (<c>--training-only</c> skips those two). No anchor runs here: W&amp;B needs an account and the network, and
/// MLflow is not packaged for Debian.
/// </summary>
public sealed partial class BenchTrackingCommand : AsyncCommand<BenchTrackingCommand.Settings>
{
    /// <summary>Options of <c>mlops bench tracking</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--points <N>"), DefaultValue(1_000_000)] public int Points { get; init; } = 1_000_000;
        [CommandOption("--writers <N>"), DefaultValue(8)] public int Writers { get; init; } = 8;
        [CommandOption("--seconds <N>"), Description("How long the concurrent writers write."), DefaultValue(30)] public int Seconds { get; init; } = 30;
        [CommandOption("--repeats <N>"), Description("Training runs with tracking off and on, alternated."), DefaultValue(3)] public int Repeats { get; init; } = 3;
        [CommandOption("--epochs <N>"), DefaultValue(2)] public int Epochs { get; init; } = 2;
        [CommandOption("--model <NAME>"), Description("The training runs' model: tiny (from scratch), or minilm with lr 5e-5 (the README's main job)."), DefaultValue("tiny")]
        public string Model { get; init; } = "tiny";
        [CommandOption("--baseline <KIND>"), Description("What the tracked runs are compared with: none (no tracking) or jsonl (metrics.jsonl only)."), DefaultValue("none")]
        public string Baseline { get; init; } = "none";
        [CommandOption("--training-only"), Description("Only the training runs, not the store loads.")] public bool TrainingOnly { get; init; }

        public override ValidationResult Validate() => (Model, Baseline) switch
        {
            (not ("tiny" or "minilm"), _) => ValidationResult.Error($"--model {Model}: give tiny or minilm."),
            (_, not ("none" or "jsonl")) => ValidationResult.Error($"--baseline {Baseline}: give none or jsonl."),
            _ => ValidationResult.Success(),
        };
        [CommandOption("--postgres <URI>"), Description("Also load a PostgreSQL server (postgresql://user@host:port/db); each load gets a database of its own, dropped after.")]
        public string? Postgres { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (self, prefix) = ChildProcess.Self();
        var work = Directory.CreateTempSubdirectory("mlops-bench-tracking-");
        try
        {
            string Uri(string name) => "sqlite:" + Path.Combine(work.FullName, name + ".db");
            var load = new Table().Title("Tracking stores, through the tracking client (RunTracker)")
                .AddColumns("store", "load", "points logged", "points stored", "dropped", "failed writes", "seconds", "points/s", "peak RSS MB");
            var loads = new JsonArray();
            Measurement? ingest = null;
            foreach (var (store, create) in settings.TrainingOnly ? [] : BenchDatabases.Stores(work.FullName, settings.Postgres, cancellationToken))
            {
                var ingestRun = await Measurement.RunAsync(self, [.. prefix, "bench", "tracking-run", "--uri", await create("ingest"), "--points", settings.Points.ToString()],
                    cancellationToken);
                var concurrent = await Measurement.RunAsync(self, [.. prefix, "bench", "tracking-run", "--uri", await create("concurrent"),
                    "--writers", settings.Writers.ToString(), "--seconds", settings.Seconds.ToString()], cancellationToken);
                ingest ??= ingestRun;
                foreach (var (name, m) in new[] { ($"1 writer, {settings.Points:N0} points", ingestRun), ($"{settings.Writers} writers x {settings.Seconds} s at 1,000 steps/s", concurrent) })
                {
                    load.AddRow(store, name, N(m, "logged"), N(m, "stored"), N(m, "dropped"), N(m, "failed_writes"), m.Json["seconds"]!.ToString(), N(m, "points_per_s"), $"{m.PeakRssMb:F0}");
                    loads.Add(new JsonObject { ["benchmark"] = m == ingestRun ? "tracking-ingest" : "tracking-concurrent", ["store"] = store, ["measurement"] = m.ToJson() });
                }
            }
            if (!settings.TrainingOnly) AnsiConsole.Write(load);

            var runs = new List<(bool Tracked, double SentencesPerSecond, double PeakRssMb, double WallSeconds)>();
            string[] model = settings.Model == "minilm" ? ["model=minilm", "training.lr=5e-5"] : ["model=tiny"];
            for (var repeat = 0; repeat < settings.Repeats; repeat++)
                foreach (var tracked in new[] { false, true })
                {
                    string[] tracking = tracked ? ["tracking=sqlite", $"tracking.uri={Uri("train")}"] : [$"tracking={settings.Baseline}"];
                    var run = await ChildProcess.RunAsync(self, [.. prefix, "train", .. model, $"training.max_epochs={settings.Epochs}", .. tracking,
                        $"mlops.run.dir={Path.Combine(work.FullName, $"run-{runs.Count}")}"], cancellationToken);
                    if (run.ExitCode != 0 || ThroughputLine().Match(run.StdOutTail) is not { Success: true } match)
                        throw new MlopsException($"The training run failed (exit {run.ExitCode}): {run.StdErrTail.Trim().Split('\n').LastOrDefault()}");
                    runs.Add((tracked, double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), run.PeakRssMb, run.Elapsed.TotalSeconds));
                }
            // Medians: tiny training runs vary by 10-30 % from run to run (and in peak RSS), tracked or not.
            double Median(bool tracked) => runs.Where(r => r.Tracked == tracked).Select(r => r.SentencesPerSecond).Median();
            var overhead = 100 * (Median(false) - Median(true)) / Median(false);
            double MedianWall(bool tracked) => runs.Where(r => r.Tracked == tracked).Select(r => r.WallSeconds).Median();
            var what = settings.Model == "minilm" ? "Fine-tuning MiniLM (the README's main job)" : "Training BERT-tiny-shaped from scratch";
            var training = new Table().Title($"{what}, {settings.Epochs} epochs on the synthetic set, {settings.Baseline} and sqlite alternated")
                .AddColumns("tracking", "sentences/s (each run)", "median", "wall s (each run, process start to exit)", "median wall s", "peak RSS MB (max)");
            foreach (var tracked in new[] { false, true })
            {
                var side = runs.Where(r => r.Tracked == tracked).ToList();
                training.AddRow(tracked ? "sqlite" : settings.Baseline, string.Join(", ", side.Select(r => r.SentencesPerSecond.ToString("F0"))), $"{Median(tracked):F0}",
                    string.Join(", ", side.Select(r => r.WallSeconds.ToString("F1"))), $"{MedianWall(tracked):F1}", $"{side.Max(r => r.PeakRssMb):F0}");
            }
            AnsiConsole.Write(training);
            AnsiConsole.MarkupLine($"Median throughput with tracking is {overhead:F1} % below {settings.Baseline} (bar: under 2 %; compare it with the spread of each row); " +
                                   $"median wall time {MedianWall(true) - MedianWall(false):+0.0;-0.0} s.");
            if (ingest is not null)
                AnsiConsole.MarkupLine($"Direct cost: the store takes {1e6 * ingest.Json["seconds"]!.GetValue<double>() / settings.Points:F1} µs of one core per point (ingest above); a training step logs 3 points.");
            loads.Add(new JsonObject
            {
                ["benchmark"] = "tracking-overhead",
                ["model"] = settings.Model,
                ["baseline"] = settings.Baseline,
                ["off_sentences_per_s"] = new JsonArray([.. runs.Where(r => !r.Tracked).Select(r => (JsonNode)r.SentencesPerSecond)]),
                ["on_sentences_per_s"] = new JsonArray([.. runs.Where(r => r.Tracked).Select(r => (JsonNode)r.SentencesPerSecond)]),
                ["off_wall_s"] = new JsonArray([.. runs.Where(r => !r.Tracked).Select(r => (JsonNode)r.WallSeconds)]),
                ["on_wall_s"] = new JsonArray([.. runs.Where(r => r.Tracked).Select(r => (JsonNode)r.WallSeconds)]),
                ["median_overhead_percent"] = overhead,
                ["store_microseconds_per_point"] = ingest is null ? null : 1e6 * ingest.Json["seconds"]!.GetValue<double>() / settings.Points,
            });
            await settings.WriteJsonAsync(loads, cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            work.Delete(recursive: true);
            if (settings.Postgres is { } server) await BenchDatabases.DropAllAsync(server, CancellationToken.None);
        }
    }

    private static string N(Measurement m, string key) => m.Json[key]!.GetValue<double>().ToString("N0", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\(([\d.]+)\s+sentences/s\)")]
    private static partial Regex ThroughputLine();
}
