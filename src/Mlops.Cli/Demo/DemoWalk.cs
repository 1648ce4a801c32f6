using System.Text.Json;
using System.Text.Json.Nodes;
using Mlops.Core;
using Mlops.Core.Processes;
using Mlops.Data;
using Mlops.Monitoring.Alerting;

namespace Mlops.Cli.Demo;

/// <summary>
/// What <c>mlops demo</c> is asked to do: where, whether to use installed servers, whether to serve a container image
/// (and which: null builds one from the checkout), and the training overrides.
/// </summary>
public sealed record DemoOptions(string Dir, bool UseServers, bool UseImage, string? Image, IReadOnlyList<string> TrainOverrides);

/// <summary>
/// The whole life of a model in eight steps, each with the project's own commands in a fresh folder: train (tracked),
/// register and alias, export with its parity check, version and push, pull into a clean folder and serve, replay
/// normal then drifted traffic, see the drift alarm fire, open the dashboard. It owns every server it starts and stops
/// them all when disposed, however it ended.
/// </summary>
public sealed class DemoWalk(DemoOptions options, DemoNarrator narrator, Func<CancellationToken, Task<IReadOnlyList<LabeledSentence>>> validation) : IDisposable
{
    public const int Steps = 8;
    public const string ModelName = "demo";
    /// <summary>The README's main job: what the demo trains unless its overrides say otherwise.</summary>
    public static readonly string[] DefaultTraining = ["model=minilm", "training.max_epochs=2", "training.lr=5e-5"];
    /// <summary>
    /// The training step's overrides: <see cref="DefaultTraining"/>, less each one the user's own replace (the same key,
    /// or a key inside a group they chose: training=fast drops training.max_epochs=2), then the user's.
    /// </summary>
    public static IReadOnlyList<string> TrainingOverrides(IReadOnlyList<string> user)
    {
        var keys = user.Select(o => o.Split('=')[0].TrimStart('+', '~')).ToList();
        return [.. DefaultTraining.Where(d => !keys.Any(k => d.Split('=')[0] == k || d.StartsWith(k + ".", StringComparison.Ordinal))), .. user];
    }

    /// <summary>How long a server may take to answer its readiness route.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Events per drift window: small, so the alarm fires after a few hundred predictions, not thousands.</summary>
    private const int Window = 200;

    private readonly List<IDisposable> _owned = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly JsonObject _urls = [];
    private readonly JsonObject _serversUsed = [];
    private string _runId = "";
    private string _servingUrl = "";
    private LocalAlerting? _alerting;
    private ServingContainer? _container;
    private Func<double> _hostPeakRssMb = () => 0;
    private int? _firstAlarmAt;

    private string Project => Path.Combine(options.Dir, "project");
    private string Serving => Path.Combine(options.Dir, "serving");
    private string ServedModel => Path.Combine("models", ModelName);

    /// <summary>The URLs of what is still running (serving API, dashboard, Prometheus, Alertmanager).</summary>
    public JsonObject Urls => _urls;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Project);
        Directory.CreateDirectory(Serving);
        await narrator.StepAsync(1, "train", "Training on the configured dataset, tracked in outputs/mlops.db", step => TrainAsync(step, cancellationToken));
        await narrator.StepAsync(2, "register", $"Registering the run's model as '{ModelName}' with the champion alias", step => RegisterAsync(step, cancellationToken));
        await narrator.StepAsync(3, "export", "Exporting models:/demo@champion to ONNX, checked against the trained model", step => ExportAsync(step, cancellationToken));
        await narrator.StepAsync(4, "version", "Versioning the exported model (.dvc file) and pushing it to a remote", step => VersionAsync(step, cancellationToken));
        await narrator.StepAsync(5, "serve", "Pulling the model into a clean folder and starting the serving host", step => ServeAsync(step, cancellationToken));
        await narrator.StepAsync(6, "traffic", "Replaying normal traffic, then a drifted stream", step => TrafficAsync(step, cancellationToken));
        await narrator.StepAsync(7, "alarm", "Checking the drift alarm", step => AlarmAsync(step, cancellationToken));
        await narrator.StepAsync(8, "dashboard", "Starting the dashboard over the runs, the registry and the served traffic", step => DashboardAsync(step, cancellationToken));
    }

    private async Task<string> TrainAsync(DemoStep step, CancellationToken cancellationToken)
    {
        await step.MlopsAsync(Project, [.. TrainingOverrides(options.TrainOverrides).Prepend("train")], cancellationToken);
        var tracked = Path.Combine(Project, "outputs", "latest", "tracked_run");
        if (!File.Exists(tracked)) throw step.Failure($"the run left no {tracked}: it was not tracked (tracking=none among the overrides?)");
        _runId = (await File.ReadAllTextAsync(tracked, cancellationToken)).Trim();
        return $"run {_runId[..Math.Min(8, _runId.Length)]} finished, tracked in {Path.Combine("project", "outputs", "mlops.db")}";
    }

    private async Task<string> RegisterAsync(DemoStep step, CancellationToken cancellationToken)
    {
        await step.MlopsAsync(Project, ["models", "register", "--run", _runId, "--name", ModelName], cancellationToken);
        await step.MlopsAsync(Project, ["models", "alias", "--name", ModelName, "--alias", "champion", "--version", "1"], cancellationToken);
        return $"models:/{ModelName}@champion is version 1";
    }

    private async Task<string> ExportAsync(DemoStep step, CancellationToken cancellationToken)
    {
        await step.MlopsAsync(Project, ["export", "--model", $"models:/{ModelName}@champion", "--out", ServedModel], cancellationToken);
        var onnx = new FileInfo(Path.Combine(Project, ServedModel, "model.onnx"));
        if (!onnx.Exists) throw step.Failure($"the export wrote no {onnx.FullName}");
        return $"{Path.Combine("project", ServedModel, "model.onnx")} ({onnx.Length / 1e6:0.0} MB), predicting what the trained model does";
    }

    private async Task<string> VersionAsync(DemoStep step, CancellationToken cancellationToken)
    {
        await step.MlopsAsync(Project, ["data", "init"], cancellationToken);
        string remote;
        if (Installed(step, "s3rver", "the remote is a folder (remote/); with s3rver on PATH (npm install -g s3rver) it is S3") is { } s3rver)
        {
            var (server, endpoint) = await DemoServers.StartS3Async(s3rver, Path.Combine(options.Dir, "s3"), cancellationToken);
            Own(step, server);
            _serversUsed["s3"] = endpoint;
            remote = $"s3://{DemoServers.Bucket}/models";
            await step.MlopsAsync(Project, ["data", "remote", "add", "--default", "storage", remote], cancellationToken);
            await step.MlopsAsync(Project, ["data", "remote", "modify", "storage", "endpointurl", endpoint], cancellationToken);
            await step.MlopsAsync(Project, ["data", "remote", "modify", "--local", "storage", "access_key_id", DemoServers.S3Key], cancellationToken);
            await step.MlopsAsync(Project, ["data", "remote", "modify", "--local", "storage", "secret_access_key", DemoServers.S3Key], cancellationToken);
            remote += $" on s3rver ({endpoint})";
        }
        else
        {
            remote = Path.Combine(options.Dir, "remote");
            await step.MlopsAsync(Project, ["data", "remote", "add", "--default", "storage", remote], cancellationToken);
        }
        await step.MlopsAsync(Project, ["data", "add", ServedModel], cancellationToken);
        await step.MlopsAsync(Project, ["data", "push"], cancellationToken);
        return $"{ServedModel}.dvc written, its objects pushed to {remote}";
    }

    private async Task<string> ServeAsync(DemoStep step, CancellationToken cancellationToken)
    {
        // A clean folder holding only what a deployment checks out of git: the remote's config and the model's .dvc file.
        Directory.CreateDirectory(Path.Combine(Serving, ".dvc"));
        Directory.CreateDirectory(Path.Combine(Serving, "models"));
        foreach (var file in new[] { Path.Combine(".dvc", "config"), Path.Combine(".dvc", "config.local"), ServedModel + ".dvc" })
            if (File.Exists(Path.Combine(Project, file))) File.Copy(Path.Combine(Project, file), Path.Combine(Serving, file), overwrite: true);
        await step.MlopsAsync(Serving, ["data", "pull"], cancellationToken);

        var port = BackgroundProcess.FreePort();
        _servingUrl = $"http://127.0.0.1:{port}";
        var readyz = BackgroundProcess.Answers(_http, $"{_servingUrl}/readyz");
        string[] drift = [$"monitoring.drift.window={Window}", $"monitoring.drift.min_events={Window / 2}"];
        string served;
        if (await ServingContainer.ChooseAsync(step, options, cancellationToken) is var (podman, image))
        {
            var container = await ServingContainer.StartAsync(step, podman, image, port, Path.Combine(Serving, ServedModel), Path.Combine(Project, "outputs"),
                [.. drift, "tracking.uri=sqlite:/store/mlops.db"], cancellationToken);
            _owned.Add(_container = container);
            _hostPeakRssMb = () => container.PeakRssMb;
            await step.WaitAsync(BackgroundProcess.WaitUntilAsync($"the serving container ({image})", readyz, container.Gone, Patience, cancellationToken));
            _serversUsed["podman"] = image;
            served = $"the image {image} (podman)";
        }
        else
        {
            string[] serve = ["serve", $"serving.model_dir={ServedModel}", $"serving.port={port}", "monitoring.log_dir=logs",
                $"tracking.uri=sqlite:{Path.Combine(Project, "outputs", "mlops.db")}", .. drift];
            var host = StartMlops(step, "the serving host", Serving, serve);
            _hostPeakRssMb = () => host.PeakRssMb;
            await step.WaitAsync(host.WaitUntilAsync(readyz, Patience, cancellationToken));
            served = "mlops serve";
        }
        step.Observe(_hostPeakRssMb);
        _urls["serving"] = _servingUrl;

        if (Installed(step, "prometheus", "no Prometheus: the alarm is the host's own drift gauge and mlops monitor (apt-get install prometheus prometheus-alertmanager adds the alerting path)") is { } prometheus
            && Installed(step, "prometheus-alertmanager", "no Alertmanager: the alarm is the host's own drift gauge and mlops monitor", "alertmanager") is { } alertmanager)
        {
            var alerting = await step.WaitAsync(DemoServers.StartAlertingAsync(prometheus, alertmanager, Path.Combine(options.Dir, "alerting"),
                $"127.0.0.1:{port}", _http, cancellationToken));
            _owned.Add(_alerting = alerting);
            step.Observe(() => alerting.Alertmanager.PeakRssMb);
            step.Observe(() => alerting.Prometheus.PeakRssMb);
            _urls["prometheus"] = alerting.PrometheusUrl + "/alerts";
            _urls["alertmanager"] = alerting.AlertmanagerUrl + "/#/alerts";
            _serversUsed["prometheus"] = alerting.PrometheusUrl;
            _serversUsed["alertmanager"] = alerting.AlertmanagerUrl;
            return $"pulled; {served} on {_servingUrl}; Prometheus scrapes it every second, alerts go to Alertmanager";
        }
        return $"pulled; {served} on {_servingUrl}";
    }

    private async Task<string> TrafficAsync(DemoStep step, CancellationToken cancellationToken)
    {
        step.Command = (Serving, DemoStep.Display(["mlops", "monitor", "--logs", "logs", "--model", ServedModel]));
        step.Observe(_hostPeakRssMb);
        var normal = DemoTraffic.Normal(await validation(cancellationToken), Window);
        await step.WaitAsync(DemoTraffic.SendAsync(_http, _servingUrl, normal, cancellationToken));
        var (driftBefore, _) = await DemoTraffic.DriftAsync(_http, _servingUrl, cancellationToken);
        if (driftBefore) step.Note($"the host saw drift in {Window} sentences like its validation data: the window is small, so chance can do that.");
        var drifted = DemoTraffic.Drifted(Window, pairs: normal.Any(e => e.Pair is not null));
        await step.WaitAsync(DemoTraffic.SendAsync(_http, _servingUrl, drifted, cancellationToken));
        var (drift, signals) = await DemoTraffic.DriftAsync(_http, _servingUrl, cancellationToken);
        if (!drift) throw step.Failure($"the host's drift gauge (mlops_drift_detected{{signal=\"any\"}} on {_servingUrl}/metrics) stayed 0 after {Window} drifted sentences");
        return $"{normal.Count} validation sentences: {(driftBefore ? "drift" : "no drift")}; then {drifted.Count} drifted: drift in {string.Join(", ", signals)}";
    }

    private async Task<string> AlarmAsync(DemoStep step, CancellationToken cancellationToken)
    {
        var report = Path.Combine(Serving, "monitor.json");
        if (_container is not null)
        {
            // The image logs its prediction events on stdout (its file system is read-only): saved, they replay the same.
            Directory.CreateDirectory(Path.Combine(Serving, "logs"));
            await _container.SaveLogsAsync(Path.Combine(Serving, "logs", "predictions-container.jsonl"), cancellationToken);
        }
        await step.MlopsAsync(Serving, ["monitor", "--logs", "logs", "--model", ServedModel, "--json", "monitor.json"], cancellationToken);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(report, cancellationToken)))
            _firstAlarmAt = json.RootElement.GetProperty("first_alarm_at") is { ValueKind: JsonValueKind.Number } at ? at.GetInt32() : null;
        if (_firstAlarmAt is null) throw step.Failure($"mlops monitor replayed the logged predictions and raised no alarm ({report})");
        var outcome = $"mlops monitor: first alarm after {_firstAlarmAt} logged predictions";
        if (_alerting is null) return outcome;
        step.Command = null;
        var alerts = $"{_alerting.AlertmanagerUrl}/api/v2/alerts?filter={Uri.EscapeDataString("alertname=\"MlopsDataDrift\"")}";
        await step.WaitAsync(_alerting.Alertmanager.WaitUntilAsync(async token => JsonNode.Parse(await _http.GetStringAsync(alerts, token)) is JsonArray { Count: > 0 },
            Patience, cancellationToken));
        return outcome + "; MlopsDataDrift firing in Alertmanager";
    }

    private async Task<string> DashboardAsync(DemoStep step, CancellationToken cancellationToken)
    {
        var port = BackgroundProcess.FreePort();
        string[] ui = ["ui", $"ui.port={port}"];
        var dashboard = StartMlops(step, "the dashboard", Project, ui);
        var url = $"http://127.0.0.1:{port}";
        await step.WaitAsync(dashboard.WaitUntilAsync(async token =>
        {
            try
            {
                return (await _http.GetStringAsync($"{url}/api/runs", token)).Contains(_runId, StringComparison.Ordinal);
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), cancellationToken));
        _urls["runs"] = url + "/";
        _urls["run"] = $"{url}/runs/{_runId}";
        _urls["monitoring"] = url + "/monitoring";
        var registry = await step.MlopsAsync(Project, ["models", "list", "--name", ModelName], cancellationToken);
        if (!registry.Contains("champion", StringComparison.Ordinal)) throw step.Failure("mlops models list does not show the champion alias");
        return $"{url} lists the run; the registry shows {ModelName} version 1 as champion";
    }

    /// <summary>The demo's record of itself, written beside its folders: steps, servers used, URLs, the alarm.</summary>
    public JsonObject Report(TimeSpan total) => new()
    {
        ["run_id"] = _runId,
        ["model"] = $"models:/{ModelName}@champion",
        ["first_alarm_at"] = _firstAlarmAt,
        ["servers"] = _serversUsed.DeepClone(),
        ["urls"] = _urls.DeepClone(),
        ["total_seconds"] = Math.Round(total.TotalSeconds, 1),
        ["steps"] = new JsonArray([.. narrator.Results.Select(r => (JsonNode)new JsonObject
        {
            ["number"] = r.Number,
            ["name"] = r.Name,
            ["seconds"] = Math.Round(r.Elapsed.TotalSeconds, 1),
            ["peak_rss_mb"] = Math.Round(r.PeakRssMb),
            ["result"] = r.Outcome,
        })]),
    };

    /// <summary>The installed program's path, or null with a note naming the embedded alternative (always null without servers).</summary>
    private string? Installed(DemoStep step, string program, string alternative, string? otherName = null)
    {
        if (!options.UseServers) return null;
        if ((DemoServers.Find(program) ?? (otherName is null ? null : DemoServers.Find(otherName))) is { } path) return path;
        step.Note($"{program} is not installed: {alternative}.");
        return null;
    }

    /// <summary>Starts <c>mlops ARGS</c> in <paramref name="directory"/> as a server the demo owns; the step's rerun command.</summary>
    private BackgroundProcess StartMlops(DemoStep step, string name, string directory, string[] args)
    {
        step.Command = (directory, DemoStep.Display(args.Prepend("mlops")));
        var (file, prefix) = ChildProcess.Self();
        var server = BackgroundProcess.Start(name, file, [.. prefix, .. args], directory);
        Own(step, server);
        return server;
    }

    private void Own(DemoStep step, BackgroundProcess server)
    {
        _owned.Add(server);
        step.Observe(() => server.PeakRssMb);
    }

    /// <summary>Stops every server the demo started, the newest first.</summary>
    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned)) owned.Dispose();
        _owned.Clear();
        _http.Dispose();
    }
}
