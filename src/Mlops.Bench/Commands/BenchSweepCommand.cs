using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Mlops.Bench.Benchmarks;
using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench sweep</c>: the same sweep of 4 small real trainings (BERT-tiny from scratch on the synthetic set,
/// <c>training=fast</c>, seeds 1 to 4) run one job at a time and then <c>--parallelism</c> jobs at a time, each sweep a
/// <c>mlops train -m</c> process of its own: wall seconds, the sweep's and its largest job's peak RSS, and the ratio of
/// the two walls against the bar of 0.6.
/// </summary>
public sealed class BenchSweepCommand : AsyncCommand<BenchSweepCommand.Settings>
{
    private const double RatioBar = 0.6;

    private static readonly string[] Sweep = ["model=tiny", "training=fast", "tracking=none", "training.seed=1,2,3,4"];

    /// <summary>Options of <c>mlops bench sweep</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--parallelism <N>"), Description("Jobs at a time in the second sweep (launcher.parallelism)."), DefaultValue(2)]
        public int Parallelism { get; init; } = 2;

        public override ValidationResult Validate() => Parallelism is >= 2 and <= 256
            ? ValidationResult.Success()
            : ValidationResult.Error($"--parallelism {Parallelism}: compare one job at a time with 2 to 256 at a time.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("mlops-bench-sweep-");
        try
        {
            AnsiConsole.MarkupLineInterpolated($"mlops train -m {string.Join(' ', Sweep)}, on {Environment.ProcessorCount} core(s):");
            var sides = new List<SweepRun>();
            foreach (var parallelism in new[] { 1, settings.Parallelism })
                sides.Add(await SweepRun.RunAsync(Sweep, parallelism, Path.Combine(work.FullName, $"parallelism-{parallelism}"), cancellationToken));
            var ratio = sides[1].Sweep.WallSeconds / sides[0].Sweep.WallSeconds;

            var table = new Table().Title($"{sides[0].JobSeconds.Count} jobs, one at a time and {settings.Parallelism} at a time")
                .AddColumns("launcher.parallelism", "sweep wall s", "jobs' wall s (sum)", "sweep process peak RSS MB", "largest job peak RSS MB");
            foreach (var side in sides)
                table.AddRow($"{side.Parallelism}", F(side.Sweep.WallSeconds), F(side.JobSeconds.Sum()), $"{side.Sweep.PeakRssMb:F0}", $"{side.JobPeakRssMb.Max():F0}");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"Wall ratio {settings.Parallelism} at a time / one at a time: {F(ratio)} (bar: <= {F(RatioBar)}) " +
                                   (ratio <= RatioBar ? "[green]met[/]" : "[red]not met[/]"));
            await settings.WriteJsonAsync([.. sides.Select(s => (JsonNode)s.ToJson()), new JsonObject
            {
                ["benchmark"] = "sweep-wall-ratio",
                ["ratio"] = ratio,
                ["bar"] = RatioBar,
                ["met"] = ratio <= RatioBar,
                ["cores"] = Environment.ProcessorCount,
            }], cancellationToken);
            return ExitCodes.Success;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string F(double value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
