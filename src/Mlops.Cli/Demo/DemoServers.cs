using System.Reflection;
using System.Text.RegularExpressions;
using Mlops.Core.Processes;

namespace Mlops.Cli.Demo;

/// <summary>
/// The outside servers <c>mlops demo</c> uses when they are installed (on PATH): s3rver as the S3 remote, Prometheus
/// scraping the serving host and evaluating the shipped alert rules, Alertmanager receiving what fires. Each starts on
/// a free loopback port with its files under the demo's folder; the caller owns and stops it.
/// </summary>
public static partial class DemoServers
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

    /// <summary>s3rver on a free port, storing under <paramref name="dir"/>, with <see cref="Bucket"/>; its endpoint URL.</summary>
    public static async Task<(BackgroundProcess Server, string Endpoint)> StartS3Async(string s3rver, string dir, CancellationToken cancellationToken)
    {
        var port = BackgroundProcess.FreePort();
        // s3rver 3.7 signs listing tokens with DES, which Node's OpenSSL 3 refuses without the legacy provider.
        var server = BackgroundProcess.Start("s3rver", s3rver, ["-d", dir, "-a", "127.0.0.1", "-p", $"{port}", "--silent", "--configure-bucket", Bucket],
            environment: new Dictionary<string, string> { ["NODE_OPTIONS"] = "--openssl-legacy-provider" });
        await StartedAsync(server, s => s.WaitForPortAsync(port, Patience, cancellationToken));
        return (server, $"http://127.0.0.1:{port}");
    }

    /// <summary>
    /// Alertmanager, then Prometheus scraping <paramref name="target"/> (host:port) every second with the shipped alert
    /// rules, their <c>for</c> durations cut to 0s so a demo sees in seconds what production sees in minutes.
    /// </summary>
    public static async Task<(BackgroundProcess Prometheus, BackgroundProcess Alertmanager, string PrometheusUrl, string AlertmanagerUrl)> StartAlertingAsync(
        string prometheus, string alertmanager, string dir, string target, HttpClient http, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dir);
        var alertmanagerPort = BackgroundProcess.FreePort();
        var alertmanagerUrl = $"http://127.0.0.1:{alertmanagerPort}";
        await File.WriteAllTextAsync(Path.Combine(dir, "alertmanager.yml"), """
            # mlops demo: every alert goes to one receiver with nowhere to send; the Alertmanager page lists them.
            route: {receiver: demo, group_by: [alertname], group_wait: 1s, group_interval: 1s, repeat_interval: 1h}
            receivers: [{name: demo}]
            """, cancellationToken);
        var manager = BackgroundProcess.Start("Alertmanager", alertmanager, [$"--config.file={dir}/alertmanager.yml", $"--storage.path={dir}/alertmanager",
            $"--web.listen-address=127.0.0.1:{alertmanagerPort}", "--cluster.listen-address="]);
        await StartedAsync(manager, m => m.WaitForHttpAsync(http, $"{alertmanagerUrl}/-/ready", Patience, cancellationToken));

        var prometheusPort = BackgroundProcess.FreePort();
        var prometheusUrl = $"http://127.0.0.1:{prometheusPort}";
        await File.WriteAllTextAsync(Path.Combine(dir, "alerts.yml"), ForDuration().Replace(await AlertRulesAsync(cancellationToken), "${indent}for: 0s"), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), $$"""
            # mlops demo: deploy/prometheus/prometheus.yml's job and rules, every second, on loopback ports.
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: [alerts.yml]
            alerting:
              alertmanagers: [{static_configs: [{targets: ["127.0.0.1:{{alertmanagerPort}}"]}]}]
            scrape_configs:
              - job_name: mlops-serve
                static_configs: [{targets: ["{{target}}"]}]
            """, cancellationToken);
        BackgroundProcess? server = null;
        try
        {
            server = BackgroundProcess.Start("Prometheus", prometheus, [$"--config.file={dir}/prometheus.yml", $"--storage.tsdb.path={dir}/tsdb",
                $"--web.listen-address=127.0.0.1:{prometheusPort}"]);
            await StartedAsync(server, p => p.WaitForHttpAsync(http, $"{prometheusUrl}/-/ready", Patience, cancellationToken));
        }
        catch
        {
            manager.Dispose();
            throw;
        }
        return (server, manager, prometheusUrl, alertmanagerUrl);
    }

    /// <summary>deploy/prometheus/alerts.yml, shipped inside this program.</summary>
    private static async Task<string> AlertRulesAsync(CancellationToken cancellationToken)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("alerts.yml")
            ?? throw new InvalidOperationException("alerts.yml is not embedded in mlops (Mlops.Cli.csproj embeds deploy/prometheus/alerts.yml).");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>Waits for <paramref name="server"/>; stops it when it never gets ready.</summary>
    private static async Task StartedAsync(BackgroundProcess server, Func<BackgroundProcess, Task> ready)
    {
        try
        {
            await ready(server);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    [GeneratedRegex(@"^(?<indent>\s+)for: \S+$", RegexOptions.Multiline)]
    private static partial Regex ForDuration();
}
