using System.ComponentModel;
using Mlops.Config.Hosting;
using Mlops.Core;
using Mlops.Core.Processes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench config</c>: composing and resolving the full config, against Hydra's engine (OmegaConf,
/// <c>bench/omegaconf_compose.py</c>) on the same files and overrides, each in its own process.
/// </summary>
public sealed class BenchConfigCommand : AsyncCommand<BenchConfigCommand.Settings>
{
    /// <summary>Overrides both sides apply: a group change, a dataset whose folder comes from the environment, typed values.</summary>
    public static readonly string[] DefaultOverrides = ["model=minilm", "data=cola", "training.lr=3e-5", "training.seed=7"];

    /// <summary>Options of <c>mlops bench config</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--config-dir <DIR>"), Description("Configs to compose (default: ./configs, else the copy beside mlops).")]
        public string? ConfigDir { get; init; }
        [CommandOption("--iterations <N>"), DefaultValue(200)] public int Iterations { get; init; } = 200;
        [CommandOption("--anchor <PATH>"), Description("The OmegaConf script (default: bench/omegaconf_compose.py in this checkout).")]
        public string? Anchor { get; init; }
        [CommandOption("--python <PATH>"), Description("Python with Debian's OmegaConf (apt install python3-omegaconf)."), DefaultValue("/usr/bin/python3")]
        public string Python { get; init; } = "/usr/bin/python3";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var configs = Path.GetFullPath(ConfigLocator.Find(settings.ConfigDir, "config"));
        var anchor = settings.Anchor ?? AnchorLocator.FindUp("bench/omegaconf_compose.py")
            ?? throw new MlopsException("Cannot find bench/omegaconf_compose.py above the working directory.", "Run from the checkout, or pass --anchor <path>.");
        var (self, prefix) = ChildProcess.Self();
        var iterations = settings.Iterations.ToString();
        var ours = await Measurement.RunAsync(self, [.. prefix, "bench", "config-run", "--config-dir", configs, "--iterations", iterations, .. DefaultOverrides], cancellationToken);
        var theirs = await Measurement.RunAsync(settings.Python, [anchor, configs, iterations, .. DefaultOverrides], cancellationToken);

        var table = new Table().Title($"Compose + resolve the full config ({string.Join(' ', DefaultOverrides)}), {iterations} warm iterations")
            .AddColumns("engine", "first (cold) ms", "warm median ms", "process start to first config ms", "process wall s", "peak RSS MB");
        foreach (var m in new[] { ours, theirs })
            table.AddRow(Markup.Escape((string)m.Json["engine"]!), F(m, "first_ms"), F(m, "warm_median_ms"), F(m, "process_to_first_ms"),
                $"{m.WallSeconds:F2}", $"{m.PeakRssMb:F0}");
        AnsiConsole.Write(table);
        var speedup = theirs.Json["warm_median_ms"]!.GetValue<double>() / ours.Json["warm_median_ms"]!.GetValue<double>();
        AnsiConsole.MarkupLine($"Warm compose + resolve: {speedup:F0}x faster than OmegaConf. Bar: under 50 ms.");
        return ExitCodes.Success;
    }

    private static string F(Measurement m, string key) => m.Json[key]!.GetValue<double>().ToString("F2");
}
