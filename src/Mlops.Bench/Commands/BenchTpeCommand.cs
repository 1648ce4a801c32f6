using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using MathNet.Numerics.Statistics;
using Mlops.Bench.Benchmarks.Search;
using Mlops.Core;
using Mlops.Core.Processes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench tpe</c>: our TPE and random search (<c>Mlops.Runs.Search</c>) against Optuna's TPESampler
/// (<c>bench/optuna_tpe.py</c>) on the test functions of <see cref="TestFunctions"/>, each sampler over the same seeds
/// and number of trials in a process of its own: the median best value and its interquartile range, wall seconds and
/// peak RSS. The bar (issue 33): our TPE's median best value within Optuna's interquartile range, or better, on every function.
/// </summary>
public sealed class BenchTpeCommand : AsyncCommand<BenchTpeCommand.Settings>
{
    /// <summary>Options of <c>mlops bench tpe</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--trials <N>"), Description("Trials per search."), DefaultValue(50)] public int Trials { get; init; } = 50;
        [CommandOption("--seeds <N>"), Description("Searches per function and sampler, seeds 0 to N-1."), DefaultValue(25)] public int Seeds { get; init; } = 25;
        [CommandOption("--multivariate"), Description("Both TPEs model the parameters jointly (ours with TpeOptions.Multivariate, Optuna's with multivariate=True).")]
        public bool Multivariate { get; init; }
        [CommandOption("--anchor <PATH>"), Description("The Optuna script (default: bench/optuna_tpe.py in this checkout).")] public string? Anchor { get; init; }
        [CommandOption("--python <PATH>"), Description("Python with Debian's Optuna (apt install python3-optuna)."), DefaultValue("/usr/bin/python3")]
        public string Python { get; init; } = "/usr/bin/python3";

        public override ValidationResult Validate() => Trials < 1 || Seeds < 4
            ? ValidationResult.Error($"--trials {Trials} --seeds {Seeds}: a search needs 1 trial or more, the quartiles 4 seeds or more.")
            : ValidationResult.Success();
    }

    /// <summary>One sampler's searches of one function, summarized.</summary>
    private sealed record Side(string Function, string Sampler, IReadOnlyList<double> Best, Measurement Measured)
    {
        public double Median => Best.QuantileCustom(0.5, QuantileDefinition.R7);
        public double Q25 => Best.QuantileCustom(0.25, QuantileDefinition.R7);
        public double Q75 => Best.QuantileCustom(0.75, QuantileDefinition.R7);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var anchor = settings.Anchor ?? AnchorLocator.FindUp("bench/optuna_tpe.py")
            ?? throw new MlopsException("Cannot find bench/optuna_tpe.py above the working directory.", "Run from the checkout, or pass --anchor <path>.");
        var hasOptuna = await OptunaAnchor.IsInstalledAsync(settings.Python, cancellationToken);
        var (self, prefix) = ChildProcess.Self();
        string[] counts = ["--trials", $"{settings.Trials}", "--seeds", $"{settings.Seeds}", .. settings.Multivariate ? ["--multivariate"] : Array.Empty<string>()];

        var sides = new List<Side>();
        foreach (var function in TestFunctions.All)
        {
            foreach (var sampler in new[] { "tpe", "random" })
            {
                var ours = await Measurement.RunAsync(self, [.. prefix, "bench", "tpe-run", "--function", function.Name, "--sampler", sampler, .. counts], cancellationToken);
                sides.Add(new Side(function.Name, (string)ours.Json["engine"]!, Best(ours), ours));
            }
            if (!hasOptuna) continue;
            var optuna = await Measurement.RunAsync(settings.Python,
                [anchor, function.Name, $"{settings.Trials}", $"{settings.Seeds}", .. settings.Multivariate ? ["multivariate"] : Array.Empty<string>()], cancellationToken);
            sides.Add(new Side(function.Name, (string)optuna.Json["engine"]!, Best(optuna), optuna));
        }

        var table = new Table().Title($"Best value after {settings.Trials} trials, seeds 0-{settings.Seeds - 1} (lower is better), each sampler a process of its own")
            .AddColumns("function (minimum)", "sampler", "median best", "IQR 25%-75%", "wall s", "peak RSS MB");
        foreach (var side in sides)
        {
            var function = TestFunctions.Named(side.Function);
            table.AddRow($"{function.Name} ({F(function.Minimum)})", Markup.Escape(side.Sampler), F(side.Median), $"{F(side.Q25)} - {F(side.Q75)}",
                side.Measured.WallSeconds.ToString("F1", CultureInfo.InvariantCulture), $"{side.Measured.PeakRssMb:F0}");
        }
        AnsiConsole.Write(table);

        var results = new JsonArray([.. sides.Select(s => (JsonNode)new JsonObject
        {
            ["benchmark"] = "tpe",
            ["function"] = s.Function,
            ["sampler"] = s.Sampler,
            ["trials"] = settings.Trials,
            ["seeds"] = settings.Seeds,
            ["median_best"] = s.Median,
            ["q25_best"] = s.Q25,
            ["q75_best"] = s.Q75,
            ["best"] = new JsonArray([.. s.Best.Select(b => (JsonNode)b)]),
            ["wall_s"] = s.Measured.WallSeconds,
            ["peak_rss_mb"] = s.Measured.PeakRssMb,
        })]);
        if (hasOptuna)
            foreach (var function in TestFunctions.All)
                results.Add(Verdict(sides.Where(s => s.Function == function.Name).ToList()));
        else
            AnsiConsole.MarkupLine(OptunaAnchor.Missing);
        await settings.WriteJsonAsync(results, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Prints and returns whether our TPE's median is within Optuna's interquartile range, or better (below it).</summary>
    private static JsonObject Verdict(List<Side> sides)
    {
        var ours = sides.Single(s => s.Sampler.StartsWith("mlops tpe", StringComparison.Ordinal));
        var optuna = sides.Single(s => s.Sampler.StartsWith("Optuna", StringComparison.Ordinal));
        var standing = ours.Median < optuna.Q25 ? "better than" : ours.Median <= optuna.Q75 ? "within" : "worse than";
        var met = standing != "worse than";
        AnsiConsole.MarkupLine($"{ours.Function}: our TPE's median {F(ours.Median)} is {standing} Optuna's IQR {F(optuna.Q25)} - {F(optuna.Q75)} " +
                               $"(median {F(optuna.Median)}): bar {(met ? "[green]met[/]" : "[red]not met[/]")}");
        return new JsonObject { ["benchmark"] = "tpe-bar", ["function"] = ours.Function, ["standing"] = standing, ["met"] = met };
    }

    private static IReadOnlyList<double> Best(Measurement measured) => [.. measured.Json["best"]!.AsArray().Select(b => b!.GetValue<double>())];

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
