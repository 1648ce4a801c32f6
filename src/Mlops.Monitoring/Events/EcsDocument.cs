using System.Globalization;
using System.Text.Json;
using Mlops.Monitoring.Drift;

namespace Mlops.Monitoring.Events;

/// <summary>
/// A <see cref="PredictionEvent"/> as an Elastic Common Schema 8 document: ECS's own fields where ECS has them
/// (<c>@timestamp</c>, <c>event.*</c> with the latency as <c>event.duration</c> in nanoseconds, <c>service.*</c>,
/// <c>http.request.id</c>, <c>log.*</c>) and ours under <c>ml.*</c> (model, input, prediction, and the drift monitor's
/// latest decision), where Elasticsearch's own inference processor puts its results.
/// Written by hand with <see cref="Utf8JsonWriter"/> (no reflection; one allocation-light line per prediction), and read
/// back from log lines by <c>mlops monitor</c>.
/// </summary>
public static class EcsDocument
{
    public const string EcsVersion = "8.11.0";
    public const string Dataset = "mlops.predictions";

    /// <summary><c>ml.drift.state</c>'s words, indexed by <see cref="DriftState"/>.</summary>
    private static readonly string[] StateNames = ["insufficient_data", "no_drift", "drift"];

    public static void Write(Utf8JsonWriter json, PredictionEvent e)
    {
        json.WriteStartObject();
        json.WriteString("@timestamp", e.Timestamp.UtcDateTime);
        json.WriteStartObject("ecs");
        json.WriteString("version", EcsVersion);
        json.WriteEndObject();
        json.WriteStartObject("log");
        json.WriteString("level", "info");
        json.WriteString("logger", Dataset);
        json.WriteEndObject();
        json.WriteStartObject("event");
        json.WriteString("kind", "event");
        json.WriteString("dataset", Dataset);
        json.WriteNumber("duration", (long)(e.Latency.Ticks * 100));
        json.WriteEndObject();
        json.WriteStartObject("service");
        json.WriteString("name", "mlops-serve");
        json.WriteString("type", e.Source);
        json.WriteEndObject();
        json.WriteStartObject("http");
        json.WriteStartObject("request");
        json.WriteString("id", e.RequestId);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("ml");
        json.WriteStartObject("model");
        json.WriteString("id", e.ModelId);
        json.WriteString("version", e.ModelVersion);
        json.WriteEndObject();
        json.WriteStartObject("input");
        json.WriteNumber("tokens", e.Tokens);
        json.WriteNumber("unknown_tokens", e.UnknownTokens);
        json.WriteNumber("unknown_token_rate", e.Tokens == 0 ? 0 : (double)e.UnknownTokens / e.Tokens);
        if (e.TextHash is not null) json.WriteString("text_hash", e.TextHash);
        if (e.Text is not null) json.WriteString("text", e.Text);
        if (e.TextPair is not null) json.WriteString("text_pair", e.TextPair);
        json.WriteEndObject();
        json.WriteStartObject("prediction");
        json.WriteString("label", e.Label);
        json.WriteNumber("label_index", e.LabelIndex);
        json.WriteNumber("confidence", e.Confidence);
        json.WriteEndObject();
        if (e.DriftState is { } state)
        {
            json.WriteStartObject("drift");
            json.WriteString("state", StateNames[(int)state]);
            if (e.DriftScore is { } score && double.IsFinite(score)) json.WriteNumber("score", score);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>The event of one log line, or null when the line is not a prediction document (other log lines may share the file).</summary>
    public static PredictionEvent? Read(ReadOnlySpan<byte> line)
    {
        try
        {
            using var document = JsonDocument.Parse(line.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("event", out var ev) || ev.ValueKind != JsonValueKind.Object
                || !ev.TryGetProperty("dataset", out var dataset) || dataset.ValueKind != JsonValueKind.String || dataset.GetString() != Dataset)
                return null;
            var ml = root.GetProperty("ml");
            var (model, input, prediction) = (ml.GetProperty("model"), ml.GetProperty("input"), ml.GetProperty("prediction"));
            return new PredictionEvent(
                DateTimeOffset.Parse(root.GetProperty("@timestamp").GetString()!, CultureInfo.InvariantCulture),
                root.GetProperty("http").GetProperty("request").GetProperty("id").GetString() ?? "",
                root.GetProperty("service").GetProperty("type").GetString() ?? "",
                model.GetProperty("id").GetString(),
                model.GetProperty("version").GetString(),
                prediction.GetProperty("label").GetString()!,
                prediction.GetProperty("label_index").GetInt32(),
                prediction.GetProperty("confidence").GetDouble(),
                input.GetProperty("tokens").GetInt32(),
                input.GetProperty("unknown_tokens").GetInt32(),
                TimeSpan.FromTicks(ev.GetProperty("duration").GetInt64() / 100),
                input.TryGetProperty("text_hash", out var hash) ? hash.GetString() : null,
                input.TryGetProperty("text", out var text) ? text.GetString() : null,
                ml.TryGetProperty("drift", out var drift) && Array.IndexOf(StateNames, drift.GetProperty("state").GetString()) is >= 0 and var state ? (DriftState)state : null,
                ml.TryGetProperty("drift", out drift) && drift.TryGetProperty("score", out var score) ? score.GetDouble() : null)
            {
                TextPair = input.TryGetProperty("text_pair", out var pair) ? pair.GetString() : null,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
