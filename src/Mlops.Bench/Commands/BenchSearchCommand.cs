using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Mlops.Bench.Benchmarks;
using Mlops.Bench.Benchmarks.Search;
using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench search</c>: on a real task (CoLA, MiniLM), the grid a user would write - 6 learning rates x class
/// weighting on and off - against TPE with ASHA over the same space, each a <c>mlops train -m</c> of short trials run one
/// at a time: the best validation MCC against trial-epochs spent (both curves), and the bar: TPE reaches the grid's best
/// in at most half the grid's trial-epochs.
/// </summary>
public sealed class BenchSearchCommand : AsyncCommand<BenchSearchCommand.Settings>
{
    private const string Metric = "val_mcc";
    private const string GridLearningRates = "1e-5,2e-5,5e-5,1e-4,2e-4,5e-4";
    private const string SearchLearningRates = "tag(log, interval(1e-5, 5e-4))";
    private const string ClassWeighting = "model.balance_classes=false,true";

    /// <summary>Options of <c>mlops bench search</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--data-dir <DIR>"), Description("The CoLA folder (default: shared/data/cola beside the checkout).")]
        public string? DataDir { get; init; }

        [CommandOption("--model <NAME>"), Description("The model config: minilm (the benchmark) or tiny (a quick check that it runs)."), DefaultValue("minilm")]
        public string Model { get; init; } = "minilm";

        [CommandOption("--epochs <N>"), Description("Epochs per trial."), DefaultValue(3)]
        public int Epochs { get; init; } = 3;

        [CommandOption("--batches <N>"), Description("Training batches per epoch (training.limit_train_batches): short trials on 2 cores."), DefaultValue(100)]
        public int Batches { get; init; } = 100;

        [CommandOption("--trials <N>"), Description("TPE's budget of trials."), DefaultValue(12)]
        public int Trials { get; init; } = 12;

        [CommandOption("--startup-trials <N>"), Description("TPE's random trials before it models the results (sweeper.startup_trials)."), DefaultValue(4)]
        public int StartupTrials { get; init; } = 4;

        [CommandOption("--keep <DIR>"), Description("Keep both sweeps' folders in DIR (by default they are deleted).")]
        public string? Keep { get; init; }

        public override ValidationResult Validate() => (Epochs, Batches, Trials, StartupTrials) switch
        {
            ( < 1, _, _, _) => ValidationResult.Error($"--epochs {Epochs}: give at least 1."),
            (_, < 1, _, _) => ValidationResult.Error($"--batches {Batches}: give at least 1."),
            (_, _, < 1, _) => ValidationResult.Error($"--trials {Trials}: give at least 1."),
            (_, _, _, < 0) => ValidationResult.Error($"--startup-trials {StartupTrials}: give 0 or more."),
            _ => Model is "minilm" or "tiny" ? ValidationResult.Success() : ValidationResult.Error($"--model {Model}: give minilm or tiny."),
        };
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var data = Path.GetFullPath(AnchorLocator.Require(settings.DataDir, "data/cola", "--data-dir"));
        var work = settings.Keep is { } keep ? Directory.CreateDirectory(keep) : Directory.CreateTempSubdirectory("mlops-bench-search-");
        try
        {
            string[] common = [$"model={settings.Model}", "data=cola", $"data.dir={data}", "training=cola", $"training.max_epochs={settings.Epochs}",
                $"training.limit_train_batches={settings.Batches}", "training.eval_every_n_steps=0", "training.patience=0", "tracking=jsonl"];
            var sweeps = new (string Name, string[] Overrides)[]
            {
                ("grid", [.. common, $"training.lr={GridLearningRates}", ClassWeighting]),
                ("tpe+asha", [.. common, "sweeper=tpe", $"sweeper.trials={settings.Trials}", $"sweeper.startup_trials={settings.StartupTrials}",
                    "sweeper.pruner=asha", $"training.lr={SearchLearningRates}", ClassWeighting]),
            };
            var results = new List<(SweepRun Run, SearchCurve Curve)>();
            foreach (var (name, overrides) in sweeps)
            {
                AnsiConsole.MarkupLineInterpolated($"[bold]{name}[/]: mlops train -m {string.Join(' ', overrides)}");
                var folder = Path.Combine(work.FullName, name.Replace('+', '-'));
                var run = await SweepRun.RunAsync(overrides, 1, folder, cancellationToken);
                results.Add((run, SearchCurve.Read(name, folder, Metric)));
            }
            var (grid, search) = (results[0].Curve, results[1].Curve);
            Write(results);
            WriteCurves(grid, search);

            var reached = search.ReachedAt(grid.Best);
            var budget = grid.TrialEpochs / 2;
            var met = reached <= budget;
            AnsiConsole.MarkupLine($"Grid best {Metric} {F(grid.Best)} after {grid.TrialEpochs} trial-epochs; TPE+ASHA " +
                (reached is { } at ? $"reached it after {at}" : $"did not reach it (best {F(search.Best)} in {search.TrialEpochs})") +
                $" (bar: <= {budget}) " + (met ? "[green]met[/]" : "[red]not met[/]"));
            await settings.WriteJsonAsync([.. results.Select(r => (JsonNode)Json(r.Run, r.Curve)), new JsonObject
            {
                ["benchmark"] = "search-vs-grid",
                ["grid_best"] = grid.Best,
                ["grid_trial_epochs"] = grid.TrialEpochs,
                ["search_reached_grid_best_at"] = reached,
                ["bar_trial_epochs"] = budget,
                ["met"] = met,
            }], cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            if (settings.Keep is null) work.Delete(recursive: true);
        }
    }

    private static void Write(List<(SweepRun Run, SearchCurve Curve)> results)
    {
        var table = new Table().Title("Each sweep, trials one at a time")
            .AddColumns("sweep", "trials (pruned)", "trial-epochs", $"best {Metric}", "wall s", "sweep process peak RSS MB", "largest trial peak RSS MB");
        foreach (var (run, curve) in results)
            table.AddRow(curve.Name, $"{curve.Trials} ({curve.PrunedTrials})", $"{curve.TrialEpochs}", F(curve.Best), $"{run.Sweep.WallSeconds:F0}",
                $"{run.Sweep.PeakRssMb:F0}", $"{run.JobPeakRssMb.Max():F0}");
        AnsiConsole.Write(table);
    }

    private static void WriteCurves(SearchCurve grid, SearchCurve search)
    {
        var table = new Table().Title($"Best {Metric} so far against trial-epochs spent").AddColumns("trial-epochs", grid.Name, search.Name);
        for (var spent = 1; spent <= Math.Max(grid.TrialEpochs, search.TrialEpochs); spent++)
            table.AddRow($"{spent}", Cell(grid, spent), Cell(search, spent));
        AnsiConsole.Write(table);
    }

    private static string Cell(SearchCurve curve, int spent) =>
        spent > curve.TrialEpochs ? "" : curve.BestAfter(spent) is { } best ? F(best) : "-";

    private static JsonObject Json(SweepRun run, SearchCurve curve)
    {
        var json = curve.ToJson();
        json["wall_s"] = run.Sweep.WallSeconds;
        json["sweep_peak_rss_mb"] = run.Sweep.PeakRssMb;
        json["largest_trial_peak_rss_mb"] = run.JobPeakRssMb.Max();
        return json;
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
