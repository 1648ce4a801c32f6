using System.Reflection;
using Mlops.Core.Processes;
using Mlops.Monitoring.Alerting;

namespace Mlops.Cli.Demo;

/// <summary>
/// The outside servers <c>mlops demo</c> uses when they are installed (on PATH): s3rver as the S3 remote, Prometheus
/// scraping the serving host and evaluating the shipped alert rules, Alertmanager receiving what fires. Each starts on
/// a free loopback port with its files under the demo's folder; the caller owns and stops it.
/// </summary>
public static class DemoServers
{
    /// <summary>The bucket the demo's S3 remote uses; s3rver creates it at start.</summary>
    public const string Bucket = "mlops-demo";

    /// <summary>The access key and secret s3rver takes.</summary>
    public const string S3Key = "S3RVER";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The full path of <paramref name="program"/> on PATH, or null when it is not installed.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    /// <summary>
    /// The source checkout this mlops runs from or in (the folder holding <c>deploy/build-image.sh</c> and the serving
    /// host's project, above the program or the working folder), or null for an installed tool.
    /// </summary>
    public static string? SourceCheckout() =>
        new[] { AppContext.BaseDirectory, Environment.CurrentDirectory }
            .SelectMany(start => Ancestors(new DirectoryInfo(start)))
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "deploy", "build-image.sh")) && Directory.Exists(Path.Combine(dir, "src", "Mlops.Serving.Host")));

    private static IEnumerable<string> Ancestors(DirectoryInfo? dir)
    {
        for (; dir is not null; dir = dir.Parent) yield return dir.FullName;
    }

    /// <summary>s3rver on a free port, storing under <paramref name="dir"/>, with <see cref="Bucket"/>; its endpoint URL.</summary>
    public static async Task<(BackgroundProcess Server, string Endpoint)> StartS3Async(string s3rver, string dir, CancellationToken cancellationToken)
    {
        var port = BackgroundProcess.FreePort();
        // s3rver 3.7 signs listing tokens with DES, which Node's OpenSSL 3 refuses without the legacy provider.
        var server = BackgroundProcess.Start("s3rver", s3rver, ["-d", dir, "-a", "127.0.0.1", "-p", $"{port}", "--silent", "--configure-bucket", Bucket],
            environment: new Dictionary<string, string> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" });
        try
        {
            await server.WaitForPortAsync(port, Patience, cancellationToken);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return (server, $"http://127.0.0.1:{port}");
    }

    /// <summary>
    /// Alertmanager, then Prometheus scraping <paramref name="target"/> (host:port) every second with the shipped alert
    /// rules, their <c>for</c> durations cut to 0s so a demo sees in seconds what production sees in minutes.
    /// </summary>
    public static async Task<LocalAlerting> StartAlertingAsync(string prometheus, string alertmanager, string dir, string target, HttpClient http,
        CancellationToken cancellationToken) =>
        await LocalAlerting.StartAsync(prometheus, alertmanager, dir, target, LocalAlerting.WithoutForDurations(await AlertRulesAsync(cancellationToken)),
            webhook: null, http, cancellationToken);

    /// <summary>deploy/prometheus/alerts.yml, shipped inside this program.</summary>
    private static async Task<string> AlertRulesAsync(CancellationToken cancellationToken)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("alerts.yml")
            ?? throw new InvalidOperationException("alerts.yml is not embedded in mlops (Mlops.Cli.csproj embeds deploy/prometheus/alerts.yml).");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
