using System.ComponentModel;
using System.Text.Json;
using Mlops.Bench.Benchmarks;
using Mlops.Core;
using Mlops.Tracking;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary><c>mlops bench tracking-run</c> (used by <c>bench tracking</c>): one load run against a fresh store, as one JSON line.</summary>
public sealed class BenchTrackingRunCommand : AsyncCommand<BenchTrackingRunCommand.Settings>
{
    /// <summary>Options of <c>mlops bench tracking-run</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--uri <URI>")] public string Uri { get; init; } = "";
        [CommandOption("--points <N>"), Description("Ingest this many points from one writer; 0 runs the concurrent writers instead.")]
        public int Points { get; init; }
        [CommandOption("--writers <N>"), DefaultValue(8)] public int Writers { get; init; } = 8;
        [CommandOption("--steps-per-second <N>"), DefaultValue(1000)] public int StepsPerSecond { get; init; } = 1000;
        [CommandOption("--seconds <N>"), DefaultValue(30)] public int Seconds { get; init; } = 30;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ITrackingStore Open() => TrackingStores.Open(settings.Uri);
        var result = settings.Points > 0
            ? await TrackingLoad.IngestAsync(Open, settings.Points)
            : await TrackingLoad.ConcurrentAsync(Open, settings.Writers, settings.StepsPerSecond, TimeSpan.FromSeconds(settings.Seconds));
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            writers = result.Writers,
            logged = result.Logged,
            stored = result.Stored,
            dropped = result.Dropped,
            failed_writes = result.FailedWrites,
            seconds = Math.Round(result.Seconds, 3),
            points_per_s = Math.Round(result.PointsPerSecond),
        }));
        return ExitCodes.Success;
    }
}
