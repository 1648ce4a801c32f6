using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Mlops.Bench.Benchmarks.Search;
using Mlops.Core;
using Mlops.Runs.Search;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench tpe-run</c> (used by <c>bench tpe</c>): one sampler on one test function over seeds 0 to N-1, in a
/// process of its own like the Optuna anchor, printing one JSON line: the best value per seed and the seconds taken.
/// </summary>
public sealed class BenchTpeRunCommand : Command<BenchTpeRunCommand.Settings>
{
    /// <summary>Options of <c>mlops bench tpe-run</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--function <NAME>")] public string Function { get; init; } = TestFunctions.Branin.Name;
        [CommandOption("--sampler <NAME>"), Description("tpe or random.")] public string Sampler { get; init; } = "tpe";
        [CommandOption("--trials <N>"), DefaultValue(50)] public int Trials { get; init; } = 50;
        [CommandOption("--seeds <N>"), DefaultValue(25)] public int Seeds { get; init; } = 25;
        [CommandOption("--multivariate"), Description("TPE models the parameters jointly.")] public bool Multivariate { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var function = TestFunctions.Named(settings.Function);
        var clock = Stopwatch.StartNew();
        var best = Enumerable.Range(0, settings.Seeds).Select(seed => SearchRun.BestValue(function, Sampler(settings, seed), settings.Trials, seed)).ToList();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["engine"] = $"mlops {settings.Sampler}{(settings.Multivariate && settings.Sampler == "tpe" ? " (multivariate)" : "")}",
            ["best"] = best,
            ["seconds"] = clock.Elapsed.TotalSeconds,
        }));
        return ExitCodes.Success;
    }

    private static ISampler Sampler(Settings settings, int seed) => settings.Sampler switch
    {
        "tpe" => new TpeSampler(seed, maximize: false, new TpeOptions(Multivariate: settings.Multivariate)),
        "random" => new RandomSampler(seed),
        var name => throw new MlopsException($"--sampler {name}: not a sampler.", "Pass --sampler tpe or --sampler random.", ExitCodes.UserError),
    };
}
