using System.Globalization;
using Mlops.Core.Processes;
using Mlops.Lambda;

namespace Mlops.Bench.Benchmarks;

/// <summary>podman's command lines for the benchmarks: the serving image run as a Lambda function, and an image's size.</summary>
public static class Podman
{
    /// <summary>Arguments that run <paramref name="image"/> as the function for the Runtime API at <paramref name="endpoint"/> (on the host's network), <paramref name="model"/> mounted at /model.</summary>
    public static string[] RunFunction(string image, string endpoint, string model) =>
        ["run", "--rm", "--network", "host", "-e", $"{LambdaRuntimeClient.EndpointVariable}={endpoint}", "-v", $"{model}:/model:ro", image];

    /// <summary>The image's size in MB, or null when podman cannot say.</summary>
    public static async Task<double?> ImageSizeMbAsync(string image, CancellationToken cancellationToken)
    {
        var inspect = await ChildProcess.RunAsync("podman", ["image", "inspect", "--format", "{{.Size}}", image], cancellationToken);
        return inspect.ExitCode == 0 && long.TryParse(inspect.StdOutTail.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) ? bytes / 1e6 : null;
    }
}
