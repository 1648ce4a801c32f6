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
using Mlops.Monitoring.Drift;
using Mlops.Training.Inference;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Bench.Commands;

/// <summary>
/// <c>mlops bench drift</c>: a trained CoLA model's drift monitor against streams it should and should not alarm on -
/// in-domain dev, out-of-domain dev, in-domain dev with its words shuffled, and another domain (the synthetic set) -
/// each replayed through the serving host's monitor: the state of the window, after how many events the first alarm
/// came, every signal's effect, and what one evaluation of the window costs.
/// </summary>
public sealed class BenchDriftCommand : AsyncCommand<BenchDriftCommand.Settings>
{
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
        var streams = new List<(string Name, IReadOnlyList<string> Texts)>
        {
            ($"{parts[0].Key} dev", [.. parts[0].Value.Select(s => s.Text)]),
        };
        if (parts.Count > 1) streams.Add(($"{parts[1].Key} dev", [.. parts[1].Value.Select(s => s.Text)]));
        streams.Add(($"{parts[0].Key} dev, words shuffled", [.. parts[0].Value.Select(s => Shuffle(s.Text, random))]));
        streams.Add(("another domain (synthetic set)", [.. synthetic.Validation.Select(s => s.Text).Take(parts[0].Value.Count)]));

        using var classifier = File.Exists(directory.OnnxPath)
            ? (await OnnxClassifier.LoadAsync(directory, new OnnxOptions(), 64, cancellationToken)).Classifier
            : await TorchClassifierEngine.LoadAsync(directory, 64, cancellationToken: cancellationToken);
        var thresholds = new DriftThresholds { Window = settings.Window, MinEvents = settings.MinEvents };
        var table = new Table().Title($"Drift against the reference of {reference.Source}; window {settings.Window}, decisions from {settings.MinEvents} events, evaluated every {settings.Every}")
            .AddColumns("stream", "events", "state (last window)", "first alarm after", "drifted signals", "KS conf.", "PSI conf.", "KS tokens", "label w", "unk. rate +", "eval ms");
        var results = new JsonArray();
        foreach (var (name, texts) in streams)
        {
            var observations = classifier.Predict(texts, cancellationToken)
                .Select(p => new PredictionObservation(p.LabelIndex, p.Confidence, p.Tokens, p.UnknownTokens)).ToList();
            var replay = TrafficReplay.Run(reference, observations, thresholds, settings.Every);
            var clock = Stopwatch.StartNew();
            const int evaluations = 50;
            for (var i = 0; i < evaluations; i++) DriftAnalysis.Compare(reference, observations.TakeLast(settings.Window).ToList(), thresholds);
            var evaluationMs = clock.Elapsed.TotalMilliseconds / evaluations;
            double Effect(string signal) => replay.Last.Signals.Single(s => s.Name == signal).Effect;
            table.AddRow(name, observations.Count.ToString(), replay.Last.State.ToString(), replay.FirstAlarmAt is { } first ? $"{first} ({string.Join(", ", replay.FirstAlarm!.Drifted.Select(s => s.Name))})" : "none",
                string.Join(", ", replay.Last.Drifted.Select(s => s.Name)) is { Length: > 0 } d ? d : "-",
                $"{Effect("confidence"):F3}", $"{Effect("confidence_psi"):F3}", $"{Effect("token_length"):F3}", $"{Effect("label_mix"):F3}",
                $"{Effect("unknown_token_rate"):+0.000;-0.000}", $"{evaluationMs:F2}");
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
            });
        }
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"Peak RSS {ChildProcess.PeakRssMb(Environment.ProcessId):F0} MB.");
        await settings.WriteJsonAsync(results, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>The sentence's words in a random order: the same vocabulary and length, no grammar.</summary>
    private static string Shuffle(string text, Random random)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        random.Shuffle(words);
        return string.Join(' ', words);
    }
}
