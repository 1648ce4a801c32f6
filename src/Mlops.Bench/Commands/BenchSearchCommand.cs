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
/// weighting on and off - against TPE with ASHA over the same space (one search per seed), each a <c>mlops train -m</c>
/// of short trials run one at a time: the best validation MCC against trial-epochs spent (the curves), and the bar: TPE
/// reaches the grid's best in at most half the grid's trial-epochs. Then, on the surface the grid measured
/// (<see cref="GridSurface"/>), the same bar over many seeds for our TPE and Optuna's (<c>bench/optuna_search_surface.py</c>),
/// each without and with multivariate: how often a seed meets it, which one real search per seed cannot tell.
/// </summary>
public sealed class BenchSearchCommand : AsyncCommand<BenchSearchCommand.Settings>
{
    private const string Metric = "val_mcc";
    private const string Grid = "grid";
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

        [CommandOption("--multivariate"), Description("TPE models learning rate and class weighting jointly (sweeper.multivariate=true).")]
        public bool Multivariate { get; init; }

        [CommandOption("--seeds <N>"), Description("TPE searches, with sweeper.seed 0 to N-1 (the grid runs once)."), DefaultValue(3)]
        public int Seeds { get; init; } = 3;

        [CommandOption("--surface-seeds <N>"), Description("Searches per sampler on the grid's measured surface, ours and Optuna's (0: none)."), DefaultValue(100)]
        public int SurfaceSeeds { get; init; } = 100;

        [CommandOption("--noise-sd <SD>"), Description("On the surface, the sd of a trial's offset from the interpolated score."), DefaultValue(0.015)]
        public double NoiseSd { get; init; } = 0.015;

        [CommandOption("--python <PATH>"), Description("Python with Debian's Optuna (apt install python3-optuna), for the surface's anchor."), DefaultValue(OptunaAnchor.DefaultPython)]
        public string Python { get; init; } = OptunaAnchor.DefaultPython;

        [CommandOption("--keep <DIR>"), Description("Keep the sweeps' folders in DIR (by default they are deleted); sweeps already in DIR are resumed, not rerun.")]
        public string? Keep { get; init; }

        [CommandOption("--from <DIR>"), Description("Report the sweeps a run with --keep DIR left, without running them again.")]
        public string? From { get; init; }

        public override ValidationResult Validate() => (Epochs, Batches, Trials, StartupTrials, Seeds) switch
        {
            ( < 1, _, _, _, _) => ValidationResult.Error($"--epochs {Epochs}: give at least 1."),
            (_, < 1, _, _, _) => ValidationResult.Error($"--batches {Batches}: give at least 1."),
            (_, _, < 1, _, _) => ValidationResult.Error($"--trials {Trials}: give at least 1."),
            (_, _, _, < 0, _) => ValidationResult.Error($"--startup-trials {StartupTrials}: give 0 or more."),
            (_, _, _, _, < 1) => ValidationResult.Error($"--seeds {Seeds}: give at least 1."),
            _ when SurfaceSeeds < 0 || !(NoiseSd >= 0) => ValidationResult.Error($"--surface-seeds {SurfaceSeeds} --noise-sd {NoiseSd}: give 0 or more for each."),
            _ when Model is not ("minilm" or "tiny") => ValidationResult.Error($"--model {Model}: give minilm or tiny."),
            _ when From is { } from && !File.Exists(Path.Combine(from, Grid, "multirun.yaml")) =>
                ValidationResult.Error($"--from {From}: no {Grid}/multirun.yaml there; give the folder a run with --keep left."),
            _ => ValidationResult.Success(),
        };
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var work = settings.From is { } from ? new DirectoryInfo(from)
            : settings.Keep is { } keep ? Directory.CreateDirectory(keep) : Directory.CreateTempSubdirectory("mlops-bench-search-");
        try
        {
            if (settings.From is null) await RunSweepsAsync(settings, work.FullName, cancellationToken);
            var names = new[] { Grid }.Concat(Enumerable.Range(0, settings.Seeds).Select(seed => Search(seed, settings.Multivariate))).Where(n => Directory.Exists(Path.Combine(work.FullName, n)));
            var sweeps = names.Select(name => Sweep.Read(name, Path.Combine(work.FullName, name))).ToList();
            var (grid, searches) = (sweeps[0].Curve, sweeps.Skip(1).Select(s => s.Curve).ToList());
            Write(sweeps);
            WriteCurves([grid, .. searches]);

            var budget = grid.TrialEpochs / 2;
            var reached = searches.Select(search => search.ReachedAt(grid.Best)).ToList();
            var met = reached.Count(at => at <= budget);
            AnsiConsole.MarkupLine($"Grid best {Metric} {F(grid.Best)} after {grid.TrialEpochs} trial-epochs. TPE+ASHA reached it after " +
                string.Join(", ", reached.Select(at => at?.ToString(CultureInfo.InvariantCulture) ?? "never")) +
                $" trial-epochs (bar: <= {budget}): met by {met} of {searches.Count} seed(s) " + (met == searches.Count ? "[green]met[/]" : "[red]not met[/]"));
            var surface = settings.SurfaceSeeds > 0
                ? await CompareOnSurfaceAsync(settings, GridSurface.Read(Path.Combine(work.FullName, Grid), Metric), grid.Best, budget, work.FullName, cancellationToken)
                : [];
            await settings.WriteJsonAsync([.. sweeps.Select(s => (JsonNode)s.ToJson()), .. surface, new JsonObject
            {
                ["benchmark"] = "search-vs-grid",
                ["grid_best"] = grid.Best,
                ["grid_trial_epochs"] = grid.TrialEpochs,
                ["search_reached_grid_best_at"] = new JsonArray([.. reached.Select(at => (JsonNode?)at)]),
                ["bar_trial_epochs"] = budget,
                ["met"] = met == searches.Count,
            }], cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            if (settings.Keep is null && settings.From is null) work.Delete(recursive: true);
        }
    }

    /// <summary>The bar over <see cref="Settings.SurfaceSeeds"/> seeds per search on the grid's surface: ours in this process, Optuna's in its own.</summary>
    private static async Task<List<JsonNode>> CompareOnSurfaceAsync(Settings settings, GridSurface surface, double target, int budget, string work,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(work, "grid-surface.json");
        await File.WriteAllTextAsync(path, surface.ToJson().ToJsonString(), cancellationToken);
        var anchor = AnchorLocator.FindUp("bench/optuna_search_surface.py");
        var hasOptuna = anchor is not null && await OptunaAnchor.IsInstalledAsync(settings.Python, cancellationToken);
        var sides = new List<(string Search, IReadOnlyList<int?> Reached)>();
        foreach (var multivariate in new[] { false, true })
        {
            var ours = new SurfaceSearch(surface, settings.Trials, settings.StartupTrials, multivariate, settings.NoiseSd);
            sides.Add(($"mlops tpe{(multivariate ? " (multivariate)" : "")} + asha", [.. Enumerable.Range(0, settings.SurfaceSeeds).Select(seed => ours.ReachedAt(target, seed))]));
            if (!hasOptuna) continue;
            var optuna = await Measurement.RunAsync(settings.Python, [anchor!, path, F(target), $"{settings.Trials}", $"{settings.StartupTrials}",
                settings.NoiseSd.ToString(CultureInfo.InvariantCulture), $"{settings.SurfaceSeeds}", .. multivariate ? ["multivariate"] : Array.Empty<string>()], cancellationToken);
            sides.Add(((string)optuna.Json["engine"]!, [.. optuna.Json["reached"]!.AsArray().Select(r => r?.GetValue<int>())]));
        }
        var table = new Table().Title($"On the grid's measured surface: {settings.SurfaceSeeds} seeds each, noise sd {settings.NoiseSd}, reaching {F(target)} within {budget} trial-epochs")
            .AddColumns("search", "seeds meeting the bar", "median trial-epochs to reach it (all seeds)");
        foreach (var (search, reached) in sides)
        {
            var met = reached.Count(at => at <= budget);
            var median = reached.Select(at => at ?? int.MaxValue).Order().ElementAt(reached.Count / 2);
            table.AddRow(Markup.Escape(search), $"{met} of {reached.Count} ({100.0 * met / reached.Count:F0} %)", median == int.MaxValue ? "never" : $"{median}");
        }
        AnsiConsole.Write(table);
        if (!hasOptuna) AnsiConsole.MarkupLine(OptunaAnchor.Missing);
        return [.. sides.Select(s => (JsonNode)new JsonObject
        {
            ["benchmark"] = "search-on-grid-surface",
            ["search"] = s.Search,
            ["seeds"] = s.Reached.Count,
            ["noise_sd"] = settings.NoiseSd,
            ["met"] = s.Reached.Count(at => at <= budget),
            ["reached"] = new JsonArray([.. s.Reached.Select(at => (JsonNode?)at)]),
        })];
    }

    private static string Search(int seed, bool multivariate) => $"tpe{(multivariate ? "-multivariate" : "")}-asha-seed-{seed}";

    private static async Task RunSweepsAsync(Settings settings, string work, CancellationToken cancellationToken)
    {
        var data = Path.GetFullPath(AnchorLocator.Require(settings.DataDir, "data/cola", "--data-dir"));
        string[] common = [$"model={settings.Model}", "data=cola", $"data.dir={data}", "training=cola", $"training.max_epochs={settings.Epochs}",
            $"training.limit_train_batches={settings.Batches}", "training.eval_every_n_steps=0", "training.patience=0", "tracking=jsonl"];
        var sweeps = new List<(string Name, string[] Overrides)> { (Grid, [.. common, $"training.lr={GridLearningRates}", ClassWeighting]) };
        for (var seed = 0; seed < settings.Seeds; seed++)
            sweeps.Add((Search(seed, settings.Multivariate), [.. common, "sweeper=tpe", $"sweeper.seed={seed}", $"sweeper.trials={settings.Trials}",
                $"sweeper.startup_trials={settings.StartupTrials}", "sweeper.pruner=asha", $"training.lr={SearchLearningRates}", ClassWeighting,
                $"sweeper.multivariate={(settings.Multivariate ? "true" : "false")}"]));
        foreach (var (name, overrides) in sweeps)
        {
            AnsiConsole.MarkupLineInterpolated($"[bold]{name}[/]: mlops train -m {string.Join(' ', overrides)}");
            await SweepRun.RunAsync(overrides, 1, Path.Combine(work, name), cancellationToken);
        }
    }

    private static void Write(List<Sweep> sweeps)
    {
        var table = new Table().Title("Each sweep, trials one at a time")
            .AddColumns("sweep", "trials (pruned)", "trial-epochs", $"best {Metric}", "trials' wall s (sum)", "largest trial peak RSS MB");
        foreach (var (curve, seconds, peakRssMb) in sweeps)
            table.AddRow(curve.Name, $"{curve.Trials} ({curve.PrunedTrials})", $"{curve.TrialEpochs}", F(curve.Best), $"{seconds.Sum():F0}", $"{peakRssMb.Max():F0}");
        AnsiConsole.Write(table);
    }

    private static void WriteCurves(List<SearchCurve> curves)
    {
        var table = new Table().Title($"Best {Metric} so far against trial-epochs spent").AddColumn("trial-epochs");
        foreach (var curve in curves) table.AddColumn(curve.Name);
        for (var spent = 1; spent <= curves.Max(c => c.TrialEpochs); spent++)
            table.AddRow([$"{spent}", .. curves.Select(curve => Cell(curve, spent))]);
        AnsiConsole.Write(table);
    }

    private static string Cell(SearchCurve curve, int spent) =>
        spent > curve.TrialEpochs ? "" : curve.BestAfter(spent) is { } best ? F(best) : "-";

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>A sweep's curve and what its trials cost, read from its folder.</summary>
    private sealed record Sweep(SearchCurve Curve, IReadOnlyList<double> Seconds, IReadOnlyList<double> PeakRssMb)
    {
        public static Sweep Read(string name, string folder)
        {
            var (seconds, peakRssMb) = SweepRun.ReadJobs(folder);
            return new Sweep(SearchCurve.Read(name, folder, Metric), seconds, peakRssMb);
        }

        public JsonObject ToJson()
        {
            var json = Curve.ToJson();
            json["trials_wall_s"] = Seconds.Sum();
            json["largest_trial_peak_rss_mb"] = PeakRssMb.Max();
            return json;
        }
    }
}
