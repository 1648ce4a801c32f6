using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Mlops.Cli.Configuration;
using Mlops.Config.Overrides;
using Mlops.Core;
using Mlops.Monitoring;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Performance;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary>
/// <c>mlops monitor</c>: logged predictions replayed against a model's reference profile, offline, through the same
/// drift monitor and decision function the serving host runs: each full window's state, the events it took to the
/// first alarm, every signal of the last window, and its accuracy and MCC estimated from calibrated confidences.
/// </summary>
public sealed class MonitorCommand : AsyncCommand<MonitorCommand.Settings>
{
    /// <summary>Options of <c>mlops monitor</c>; thresholds are <c>monitoring.drift.*</c> overrides.</summary>
    public sealed class Settings : ConfigSettings
    {
        [CommandArgument(0, "[OVERRIDES]"), Description("Config overrides, e.g. monitoring.drift.window=300 monitoring.drift.ks_distance=0.2.")]
        public string[] Overrides { get; init; } = [];

        [CommandOption("--logs <PATH>"), Description("Prediction log files (monitoring.log_dir's predictions-*.jsonl, or saved stdout), or their folder; repeatable.")]
        public string[] Logs { get; init; } = [];

        [CommandOption("-m|--model <DIR>"), Description("The model whose reference_profile.json the traffic is compared with (default: the model the events name, found as serving.model_dir or in the registry; monitoring.profile overrides the file).")]
        public string? Model { get; init; }

        [CommandOption("--every <N>"), Description("Evaluate the sliding window every N events, as a scrape would (default 25): the resolution of the time to the first alarm.")]
        public int Every { get; init; } = 25;

        [CommandOption("--json <FILE>"), Description("Also write the report as JSON.")]
        public string? Json { get; init; }

        public override ValidationResult Validate() =>
            Logs.Length == 0 ? ValidationResult.Error("Pass the prediction logs with --logs PATH (files or monitoring.log_dir).")
            : Every < 1 ? ValidationResult.Error("--every must be at least 1.")
            : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var config = settings.Load(OverrideParser.ParseAll(settings.Overrides));
        if (settings.PrintedConfig(config)) return ExitCodes.Success;
        var options = config.Options;
        var monitoring = options.Monitoring;
        var logged = await LoggedTraffic.ReadAsync(settings.Logs, cancellationToken);
        var (traffic, model) = await TrafficModel.ChooseAsync(logged, settings.Model, options.Serving.ModelDir, options.Tracking.Uri,
            needsFolder: monitoring.Profile.Length == 0, cancellationToken);
        var profilePath = monitoring.Profile.Length > 0 ? monitoring.Profile : model!.ProfilePath;
        if (!File.Exists(profilePath))
            throw new MlopsException($"'{profilePath}' does not exist.", "Train the model again (training writes its reference profile) or set monitoring.profile.", ExitCodes.ModelError);
        var reference = await ReferenceProfile.ReadAsync(profilePath, cancellationToken);
        if (traffic.Events.Count < logged.Events.Count)
            AnsiConsole.MarkupLineInterpolated($"Left out {logged.Events.Count - traffic.Events.Count:N0} events of other models than {model!.Path}.");
        var result = TrafficReplay.Run(reference, traffic.ObservationsFor(reference, profilePath), monitoring.Drift, settings.Every);
        Write(AnsiConsole.Console, reference, traffic, result, monitoring.Drift);
        if (settings.Json is { } json)
            await AtomicFile.WriteAllTextAsync(json, JsonSerializer.Serialize(new MonitorReport(profilePath, reference.Source, traffic.Events.Count, traffic.OtherLines,
                result.FirstAlarmAt, result.FirstAlarm, result.Windows, result.Last), ReadableJson.TypeInfo(MonitoringJson.Default.MonitorReport)), cancellationToken);
        return ExitCodes.Success;
    }

    private static void Write(IAnsiConsole console, ReferenceProfile reference, LoggedTraffic traffic, TrafficReplay.Result result, DriftThresholds thresholds)
    {
        console.MarkupLine($"{traffic.Events.Count:N0} prediction events{(traffic.OtherLines > 0 ? $" ({traffic.OtherLines:N0} other log lines skipped)" : "")} against the reference of [bold]{Markup.Escape(reference.Source)}[/]; window {thresholds.Window}, at least {thresholds.MinEvents} events to decide.");
        var windows = new Table().AddColumns("after event", "state", "drifted signals");
        foreach (var (at, report) in result.Windows)
            windows.AddRow(at.ToString("N0", CultureInfo.InvariantCulture), State(report.State), Markup.Escape(string.Join(", ", report.Drifted.Select(s => $"{s.Name} {s.Effect:0.###}")) is { Length: > 0 } d ? d : "-"));
        if (result.Windows.Count > 0) console.Write(windows);
        console.MarkupLine(result.FirstAlarmAt is { } first
            ? $"First drift alarm after [red]{first:N0}[/] events ({Markup.Escape(string.Join(", ", result.FirstAlarm!.Drifted.Select(s => s.Name)))})."
            : "No drift alarm.");
        var signals = new Table().AddColumns("signal (last window)", "method", "statistic", "p", "effect", "threshold", "drifted");
        foreach (var s in result.Last.Signals)
            signals.AddRow(s.Name, Markup.Escape(s.Method), Number(s.Statistic), Number(s.PValue), Number(s.Effect), Number(s.Threshold), s.Drifted ? "[red]yes[/]" : "no");
        console.Write(signals);
        console.MarkupLine($"Last window: {State(result.Last.State)} over {result.Last.Events:N0} events.");
        if (result.Last.Estimate is not { } estimate)
        {
            console.MarkupLine($"Accuracy and MCC {Markup.Escape(result.Last.NoEstimate ?? "")}.");
            return;
        }
        var estimates = new Table().AddColumns("last window, no labels", "accuracy", "MCC");
        estimates.AddRow("estimated from calibrated confidences", Number(estimate.Accuracy.Value), estimate.Mcc is { } mcc ? Number(mcc.Value) : "not estimated (more than two labels)");
        estimates.AddRow("95 % band", Band(estimate.Accuracy), estimate.Mcc is { } mccBand ? Band(mccBand) : "-");
        estimates.AddRow("true, on the reference data", Number(estimate.ReferenceAccuracy), estimate.ReferenceMcc is { } referenceMcc ? Number(referenceMcc) : "-");
        console.Write(estimates);
    }

    private static string State(DriftState state) => state switch
    {
        DriftState.Drift => "[red]drift[/]",
        DriftState.NoDrift => "[green]no drift[/]",
        _ => "[yellow]insufficient data[/]",
    };

    private static string Band(EstimatedMetric metric) => $"{Number(metric.Lower)} to {Number(metric.Upper)}";

    private static string Number(double value) => NumberText.Format(value);
}
