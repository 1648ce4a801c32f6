using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using Mlops.Core;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench config-run</c> (used by <c>bench config</c>): times compose + resolve + bind of the full config,
/// once cold (the first call pays for loading and JIT) and then warm, and prints one JSON line like the anchor.
/// </summary>
/// <typeparam name="TSchema">The host's config schema, bound as the host binds it.</typeparam>
public sealed class BenchConfigRunCommand<TSchema> : Command<BenchConfigRunCommand<TSchema>.Settings> where TSchema : class, IHostConfig
{
    /// <summary>Options of <c>mlops bench config-run</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--config-dir <DIR>")] public string? ConfigDir { get; init; }
        [CommandArgument(0, "[OVERRIDES]")] public string[] Overrides { get; init; } = [];
        [CommandOption("--iterations <N>"), DefaultValue(200)] public int Iterations { get; init; } = 200;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        double Once()
        {
            var clock = Stopwatch.StartNew();
            ConfigLoader.Resolve<TSchema>(ConfigLoader.Compose(new ConfigSource(settings.ConfigDir), OverrideParser.ParseAll(settings.Overrides)), DateTimeOffset.Now);
            return clock.Elapsed.TotalMilliseconds;
        }
        var first = Once();
        var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        var warm = Enumerable.Range(0, settings.Iterations).Select(_ => Once()).Order().ToList();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["engine"] = $"mlops Mlops.Config (.NET {Environment.Version})",
            ["first_ms"] = Math.Round(first, 3),
            ["warm_median_ms"] = Math.Round(warm[warm.Count / 2], 3),
            ["process_to_first_ms"] = Math.Round(sinceStart, 1),
        }));
        return ExitCodes.Success;
    }
}
