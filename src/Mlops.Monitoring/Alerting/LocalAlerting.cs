using System.Text.RegularExpressions;
using Mlops.Core.Processes;

namespace Mlops.Monitoring.Alerting;

/// <summary>
/// Prometheus scraping one serving host every second with a set of alert rules, and Alertmanager receiving what fires,
/// each on a free loopback port with its files in one folder: the alerting path of a deployment, on one machine
/// (<c>mlops demo</c>, and the alerting test). Disposing stops both.
/// </summary>
public sealed partial class LocalAlerting : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private LocalAlerting(BackgroundProcess alertmanager, string alertmanagerUrl, BackgroundProcess prometheus, string prometheusUrl) =>
        (Alertmanager, AlertmanagerUrl, Prometheus, PrometheusUrl) = (alertmanager, alertmanagerUrl, prometheus, prometheusUrl);

    public BackgroundProcess Prometheus { get; }
    public BackgroundProcess Alertmanager { get; }
    public string PrometheusUrl { get; }
    public string AlertmanagerUrl { get; }

    /// <summary>
    /// Starts Alertmanager (sending to <paramref name="webhook"/>, or nowhere: its own page and API list the alerts), then
    /// Prometheus scraping <paramref name="target"/> (host:port) as job <c>mlops-serve</c> with <paramref name="rules"/>;
    /// returns once both answer their readiness routes.
    /// </summary>
    public static async Task<LocalAlerting> StartAsync(string prometheus, string alertmanager, string dir, string target, string rules, string? webhook,
        HttpClient http, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dir);
        var alertmanagerPort = BackgroundProcess.FreePort();
        var receiver = webhook is null ? "{name: local}" : $$"""{name: local, webhook_configs: [{url: "{{webhook}}"}]}""";
        await File.WriteAllTextAsync(Path.Combine(dir, "alertmanager.yml"), $$"""
            route: {receiver: local, group_by: [alertname], group_wait: 1s, group_interval: 1s, repeat_interval: 1h}
            receivers: [{{receiver}}]
            """, cancellationToken);
        var manager = BackgroundProcess.Start("Alertmanager", alertmanager, [$"--config.file={dir}/alertmanager.yml", $"--storage.path={dir}/alertmanager",
            $"--web.listen-address=127.0.0.1:{alertmanagerPort}", "--cluster.listen-address="]);
        BackgroundProcess? server = null;
        try
        {
            var alertmanagerUrl = $"http://127.0.0.1:{alertmanagerPort}";
            await manager.WaitForHttpAsync(http, $"{alertmanagerUrl}/-/ready", Patience, cancellationToken);
            var prometheusPort = BackgroundProcess.FreePort();
            await File.WriteAllTextAsync(Path.Combine(dir, "alerts.yml"), rules, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), $$"""
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                rule_files: [alerts.yml]
                alerting:
                  alertmanagers: [{static_configs: [{targets: ["127.0.0.1:{{alertmanagerPort}}"]}]}]
                scrape_configs:
                  - job_name: mlops-serve
                    static_configs: [{targets: ["{{target}}"]}]
                """, cancellationToken);
            server = BackgroundProcess.Start("Prometheus", prometheus, [$"--config.file={dir}/prometheus.yml", $"--storage.tsdb.path={dir}/tsdb",
                $"--web.listen-address=127.0.0.1:{prometheusPort}"]);
            var prometheusUrl = $"http://127.0.0.1:{prometheusPort}";
            await server.WaitForHttpAsync(http, $"{prometheusUrl}/-/ready", Patience, cancellationToken);
            return new LocalAlerting(manager, alertmanagerUrl, server, prometheusUrl);
        }
        catch
        {
            server?.Dispose();
            manager.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="rules"/> with every <c>for</c> duration cut to 0s: an alert fires on its first true evaluation, so a
    /// demo or a test sees in seconds what production sees in minutes (<c>promtool test rules</c> checks the real timing).
    /// </summary>
    public static string WithoutForDurations(string rules) => ForDuration().Replace(rules, "${indent}for: 0s");

    public void Dispose()
    {
        Prometheus.Dispose();
        Alertmanager.Dispose();
    }

    [GeneratedRegex(@"^(?<indent>\s+)for: \S+$", RegexOptions.Multiline)]
    private static partial Regex ForDuration();
}
