using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Mlops.Core;
using Mlops.Core.Processes;
using Mlops.Data;
using Mlops.Data.Cola;
using Mlops.Data.Synthetic;
using Mlops.Inference;
using Mlops.Inference.Onnx;
using Mlops.Metrics;
using Mlops.Monitoring.Drift;
using Mlops.Monitoring.Performance;
using Mlops.Export;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench drift</c>: a trained CoLA model's drift monitor against streams it should and should not alarm on -
/// in-domain dev, out-of-domain dev, in-domain dev with its words shuffled, and another domain (the synthetic set) -
/// each replayed through the serving host's monitor: the state of the window, after how many events the first alarm
/// came, every signal's effect (the embedding centroid's only where the model gives embeddings and its profile has them),
/// and what one evaluation of the window costs; and each stream's accuracy and MCC
/// estimated from calibrated confidences (on the whole stream and on the last window), beside the true ones on the two
/// dev splits, which have labels, with whether the estimate met the bar (<see cref="AccuracyBar"/>, <see cref="MccBar"/>).
/// </summary>
public sealed class BenchDriftCommand : AsyncCommand<BenchDriftCommand.Settings>
{
    /// <summary>How far the estimated accuracy may be from the true one on a whole stream.</summary>
    public const double AccuracyBar = 0.03;
    /// <summary>How far the estimated MCC may be from the true one on a whole stream.</summary>
    public const double MccBar = 0.05;

    /// <summary>Options of <c>mlops bench drift</c>.</summary>
    public sealed class Settings : JsonResultSettings
    {
        [CommandOption("--model <DIR>"), Description("A trained model folder with its reference_profile.json (ONNX Runtime when it has model.onnx).")]
        public string Model { get; init; } = "";

        [CommandOption("--data-dir <DIR>"), Description("The CoLA folder (default: shared/data/cola beside the checkout).")]
        public string? DataDir { get; init; }

        [CommandOption("--window <N>"), DefaultValue(500)] public int Window { get; init; } = 500;
        [CommandOption("--min-events <N>"), DefaultValue(200)] public int MinEvents { get; init; } = 200;
        [CommandOption("--every <N>"), Description("Evaluate the window every N events."), DefaultValue(25)] public int Every { get; init; } = 25;
        [CommandOption("--seed <N>"), DefaultValue(1)] public int Seed { get; init; } = 1;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var directory = ModelDirectory.Locate(settings.Model);
        if (!File.Exists(directory.ProfilePath))
            throw new MlopsException($"'{directory.Path}' has no {ModelDirectory.ProfileFile}.", "Train the model with this mlops (training writes it).", ExitCodes.ModelError);
        var reference = await ReferenceProfile.ReadAsync(directory.ProfilePath, cancellationToken);
        var cola = await new ColaFolderSource(AnchorLocator.Require(settings.DataDir, "data/cola", "--data-dir")).LoadAsync(cancellationToken);
        var synthetic = await new SyntheticAcceptabilitySource().LoadAsync(cancellationToken);
        var random = new Random(settings.Seed);
        var parts = cola.ValidationParts.ToList();
        var streams = new List<(string Name, IReadOnlyList<string> Texts, IReadOnlyList<int>? Labels)>
        {
            ($"{parts[0].Key} dev", [.. parts[0].Value.Select(s => s.Text)], [.. parts[0].Value.Select(s => s.Label)]),
        };
        if (parts.Count > 1) streams.Add(($"{parts[1].Key} dev", [.. parts[1].Value.Select(s => s.Text)], [.. parts[1].Value.Select(s => s.Label)]));
        streams.Add(($"{parts[0].Key} dev, words shuffled", [.. parts[0].Value.Select(s => Shuffle(s.Text, random))], null));
        streams.Add(("another domain (synthetic set)", [.. synthetic.Validation.Select(s => s.Text).Take(parts[0].Value.Count)], null));

        using var classifier = File.Exists(directory.OnnxPath)
            ? (await OnnxClassifier.LoadAsync(directory, new OnnxOptions(), 64, cancellationToken)).Classifier
            : await TorchClassifierEngine.LoadAsync(directory, 64, cancellationToken: cancellationToken);
        var thresholds = new DriftThresholds { Window = settings.Window, MinEvents = settings.MinEvents };
        var table = new Table().Title($"Drift against the reference of {reference.Source}; window {settings.Window}, decisions from {settings.MinEvents} events, evaluated every {settings.Every}")
            .AddColumns("stream", "events", "state (last window)", "first alarm after", "drifted signals", "KS conf.", "PSI conf.", "KS tokens", "label w", "unk. rate +",
                "embedding", "eval ms");
        var estimates = new Table().Title(reference.Performance is { } baseline
                ? $"Accuracy and MCC estimated from calibrated confidences against the true ones (reference: accuracy {baseline.Accuracy:F3}, MCC {baseline.Mcc?.ToString("F3") ?? "-"}); bar: within {AccuracyBar:F2} and {MccBar:F2}"
                : "Accuracy and MCC estimates")
            .AddColumns("stream", "events", "true acc.", "est. acc. (95 % band)", "acc. miss", "true MCC", "est. MCC (95 % band)", "MCC miss", "bar met", "last window: est. (true) acc., MCC");
        var results = new JsonArray();
        foreach (var (name, texts, labels) in streams)
        {
            var observations = classifier.Predict(texts, cancellationToken)
                .Select(PredictionObservation.From).ToList();
            var replay = TrafficReplay.Run(reference, observations, thresholds, settings.Every);
            var clock = Stopwatch.StartNew();
            const int evaluations = 50;
            for (var i = 0; i < evaluations; i++) DriftAnalysis.Compare(reference, observations.TakeLast(settings.Window).ToList(), thresholds);
            var evaluationMs = clock.Elapsed.TotalMilliseconds / evaluations;
            double? Effect(string signal) => replay.Last.Signals.SingleOrDefault(s => s.Name == signal)?.Effect;
            table.AddRow(name, observations.Count.ToString(), replay.Last.State.ToString(), replay.FirstAlarmAt is { } first ? $"{first} ({string.Join(", ", replay.FirstAlarm!.Drifted.Select(s => s.Name))})" : "none",
                string.Join(", ", replay.Last.Drifted.Select(s => s.Name)) is { Length: > 0 } d ? d : "-",
                $"{Effect("confidence"):F3}", $"{Effect("confidence_psi"):F3}", $"{Effect("token_length"):F3}", $"{Effect("label_mix"):F3}",
                $"{Effect("unknown_token_rate"):+0.000;-0.000}", Effect(DriftAnalysis.EmbeddingSignal)?.ToString("F3") ?? "-", $"{evaluationMs:F2}");
            results.Add(new JsonObject
            {
                ["benchmark"] = "drift",
                ["stream"] = name,
                ["events"] = observations.Count,
                ["state"] = replay.Last.State.ToString(),
                ["first_alarm_at"] = replay.FirstAlarmAt,
                ["first_alarm_signals"] = replay.FirstAlarm is null ? null : new JsonArray([.. replay.FirstAlarm.Drifted.Select(s => (JsonNode)s.Name)]),
                ["signals"] = new JsonArray([.. replay.Last.Signals.Select(s => (JsonNode)new JsonObject
                {
                    ["name"] = s.Name, ["statistic"] = s.Statistic, ["p_value"] = double.IsNaN(s.PValue) ? null : s.PValue, ["effect"] = s.Effect,
                    ["threshold"] = s.Threshold, ["drifted"] = s.Drifted,
                })]),
                ["evaluation_ms"] = evaluationMs,
                ["estimate"] = Estimate(name, observations, labels, reference, replay.Last, estimates),
            });
        }
        AnsiConsole.Write(table);
        if (reference.Performance is null)
            AnsiConsole.MarkupLine($"Accuracy and MCC {PerformanceEstimation.NoCalibration}.");
        else AnsiConsole.Write(estimates);
        AnsiConsole.MarkupLine($"Peak RSS {ChildProcess.PeakRssMb(Environment.ProcessId):F0} MB.");
        await settings.WriteJsonAsync(results, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>
    /// The accuracy and MCC estimated on the whole stream and on its last window, beside the true ones where the stream
    /// has labels: a row of the estimates table and the JSON result's <c>estimate</c>; null when the profile has no calibration.
    /// </summary>
    private static JsonObject? Estimate(string name, List<PredictionObservation> observations, IReadOnlyList<int>? labels, ReferenceProfile reference,
        DriftReport last, Table table)
    {
        if (reference.Performance is not { } performance) return null;
        var estimate = PerformanceEstimation.Estimate(performance, reference.Labels.Count, observations);
        var truth = labels is null ? null : Truth(observations, labels);
        var lastTruth = labels is null ? null : Truth(observations[^last.Events..], labels.Skip(labels.Count - last.Events).ToList());
        var accuracyMiss = estimate.Accuracy.Value - truth?.Accuracy;
        var mccMiss = estimate.Mcc?.Value - truth?.Mcc;
        bool? met = truth is null ? null : Math.Abs(accuracyMiss!.Value) <= AccuracyBar && (mccMiss is not { } m || Math.Abs(m) <= MccBar);
        table.AddRow(name, observations.Count.ToString(), Number(truth?.Accuracy), Markup.Escape(estimate.Accuracy.ToString()), Miss(accuracyMiss),
            Number(truth?.Mcc), Markup.Escape(estimate.Mcc?.ToString() ?? "not estimated"), Miss(mccMiss),
            met switch { true => "[green]yes[/]", false => "[red]no[/]", null => "-" },
            last.Estimate is { } window
                ? $"{window.Accuracy.Value:F3} ({Number(lastTruth?.Accuracy)}), {Number(window.Mcc?.Value)} ({Number(lastTruth?.Mcc)})"
                : Markup.Escape(last.NoEstimate ?? ""));
        return new JsonObject
        {
            ["true_accuracy"] = truth?.Accuracy,
            ["estimated_accuracy"] = estimate.Accuracy.Value,
            ["accuracy_std_dev"] = estimate.Accuracy.StdDev,
            ["accuracy_lower"] = estimate.Accuracy.Lower,
            ["accuracy_upper"] = estimate.Accuracy.Upper,
            ["true_mcc"] = truth?.Mcc,
            ["estimated_mcc"] = estimate.Mcc?.Value,
            ["mcc_std_dev"] = estimate.Mcc?.StdDev,
            ["mcc_lower"] = estimate.Mcc?.Lower,
            ["mcc_upper"] = estimate.Mcc?.Upper,
            ["bar_met"] = met,
            ["last_window_events"] = last.Events,
            ["last_window_true_accuracy"] = lastTruth?.Accuracy,
            ["last_window_estimated_accuracy"] = last.Estimate?.Accuracy.Value,
            ["last_window_true_mcc"] = lastTruth?.Mcc,
            ["last_window_estimated_mcc"] = last.Estimate?.Mcc?.Value,
        };

        ClassificationMetrics Truth(IReadOnlyList<PredictionObservation> predicted, IReadOnlyList<int> actual)
        {
            var matrix = new ConfusionMatrix(reference.Labels.Count);
            matrix.AddRange([.. actual], [.. predicted.Select(o => o.LabelIndex)]);
            return matrix.Compute();
        }
        static string Number(double? value) => value?.ToString("F3") ?? "-";
        static string Miss(double? value) => value?.ToString("+0.000;-0.000") ?? "-";
    }

    /// <summary>The sentence's words in a random order: the same vocabulary and length, no grammar.</summary>
    private static string Shuffle(string text, Random random)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        random.Shuffle(words);
        return string.Join(' ', words);
    }
}
