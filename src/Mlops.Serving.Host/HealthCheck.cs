using System.Net;
using Mlops.Inference;

namespace Mlops.Serving.Host;

/// <summary>
/// <c>mlops-serve healthcheck [overrides]</c>: asks a running host on this machine whether it is ready, for a container
/// <c>HEALTHCHECK</c> in an image with no shell or curl. Exit 0 when <c>/readyz</c> answers 200, else 1 (what Docker and
/// podman read as unhealthy), with one line saying why.
/// </summary>
public static class HealthCheck
{
    public const string Command = "healthcheck";

    public static async Task<int> RunAsync(ServingOptions options, CancellationToken cancellationToken = default)
    {
        // A host listening on every address is reached on loopback.
        var host = options.Host is "0.0.0.0" or "*" or "+" or "::" or "[::]" ? "127.0.0.1" : options.Host;
        var url = $"http://{host}:{options.Port}/readyz";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK) return 0;
            Console.Error.WriteLine($"unhealthy: {url} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"unhealthy: {url}: {e.Message}");
        }
        return 1;
    }
}
