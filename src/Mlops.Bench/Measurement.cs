using System.Text.Json.Nodes;
using Mlops.Core;
using Mlops.Core.Processes;

namespace Mlops.Bench;

/// <summary>
/// One benchmark process's result: the JSON line it printed (the last line starting with '{'),
/// its peak RSS and its wall time. Both sides of a comparison, ours and the anchor, are measured this way.
/// </summary>
public sealed record Measurement(JsonObject Json, double PeakRssMb, double WallSeconds)
{
    public JsonObject ToJson() => new() { ["result"] = Json.DeepClone(), ["peak_rss_mb"] = PeakRssMb, ["wall_s"] = WallSeconds };

    public static async Task<Measurement> RunAsync(string file, string[] args, CancellationToken cancellationToken)
    {
        var run = await ChildProcess.RunAsync(file, args, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var line = run.StdOutTail.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (run.ExitCode != 0 || line is null)
            throw new MlopsException($"Benchmark process '{file} {string.Join(' ', args)}' failed (exit {run.ExitCode}): {run.StdErrTail.Trim().Split('\n').LastOrDefault()}",
                file.Contains("python") ? "Install the anchors' dependencies: apt-get install -y python3-torch libopenblas0-pthread python3-omegaconf" : null);
        return new Measurement(JsonNode.Parse(line)!.AsObject(), run.PeakRssMb, run.Elapsed.TotalSeconds);
    }
}
