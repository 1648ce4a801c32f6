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

    public static Task<Measurement> RunAsync(string file, string[] args, CancellationToken cancellationToken) => RunAsync(file, args, true, cancellationToken);

    /// <summary>Times a process that prints no JSON line (e.g. <c>mlops predict</c>): only its exit code, wall time and peak RSS count.</summary>
    public static Task<Measurement> RunPlainAsync(string file, string[] args, CancellationToken cancellationToken) => RunAsync(file, args, false, cancellationToken);

    private static async Task<Measurement> RunAsync(string file, string[] args, bool printsJson, CancellationToken cancellationToken)
    {
        var run = await ChildProcess.RunAsync(file, args, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var line = printsJson ? run.StdOutTail.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.TrimStart().StartsWith('{')) : "{}";
        if (run.ExitCode != 0 || line is null)
            throw new MlopsException($"Benchmark process '{file} {string.Join(' ', args)}' failed (exit {run.ExitCode}): {run.StdErrTail.Trim().Split('\n').LastOrDefault()}",
                file.Contains("python") ? "Install the anchors' dependencies: apt-get install -y python3-torch libopenblas0-pthread python3-omegaconf" : null);
        return new Measurement(JsonNode.Parse(line)!.AsObject(), run.PeakRssMb, run.Elapsed.TotalSeconds);
    }
}
