using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Mlops.Core;
using Mlops.Inference;
using Mlops.Monitoring;

namespace Mlops.Lambda;

/// <summary>
/// The course's week-9 handler: an API Gateway proxy event or function URL request (a JSON <c>body</c> holding
/// <c>{"sentence": ...}</c>) is answered with <c>statusCode</c>, <c>headers</c> and <c>body</c>; a direct invocation
/// <c>{"sentence": ...}</c> with <c>{"text": ..., "prediction": {"label": ..., "score": ..., "scores": {label: probability, ...}}}</c>
/// (the course's winner and score, then every label's probability, however many labels the model has). A model of sentence
/// pairs takes the second text beside it, under the name transformers' pipelines give it (<c>{"sentence": ...,
/// "text_pair": ...}</c>), and answers it back as <c>text_pair</c>; a pair model's event without one, or a single-text
/// model's with one, is malformed. A malformed event gets a 4xx answer (HTTP events) or an invocation error (direct
/// ones), never an exception out of the loop.
/// </summary>
public sealed class PredictionHandler(ITextClassifier classifier, int maxTextCharacters, int maxEventBytes, PredictionRecorder? recorder = null)
{
    public const string InvalidEvent = "InvalidEvent";
    private const string TextPair = "text_pair";

    public HandlerAnswer Handle(LambdaInvocation invocation)
    {
        if (invocation.Event.Length > maxEventBytes)
            return HandlerAnswer.Failed("EventTooLarge", $"The event has {invocation.Event.Length} bytes; at most {maxEventBytes} (serving.max_request_bytes).");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(invocation.Event);
        }
        catch (JsonException e)
        {
            return HandlerAnswer.Failed(InvalidEvent, $"The event is not JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return HandlerAnswer.Failed(InvalidEvent, $"The event is {JsonText.Kind(root)}, not an object with a \"sentence\".");
            if (root.TryGetProperty("body", out var body)) return HandlerAnswer.Of(Http(root, body, invocation));
            var (status, error, input) = Input(root);
            if (error is not null) return HandlerAnswer.Failed(status == 413 ? "SentenceTooLong" : InvalidEvent, error);
            return Predict(input!.Value, invocation) is { } answer ? HandlerAnswer.Of(answer) : DeadlinePassed();
        }
    }

    /// <summary>An HTTP event's answer: 200 with the prediction, or 4xx with <c>{"error": ...}</c>.</summary>
    private byte[] Http(JsonElement root, JsonElement body, LambdaInvocation invocation)
    {
        if (body.ValueKind != JsonValueKind.String) return Response(400, Error("The request has no body; send {\"sentence\": \"...\"}."));
        var text = body.GetString()!;
        if (root.TryGetProperty("isBase64Encoded", out var encoded) && encoded.ValueKind == JsonValueKind.True)
        {
            var bytes = new byte[text.Length];
            if (!Convert.TryFromBase64String(text, bytes, out var length)) return Response(400, Error("The body is marked base64 but is not."));
            text = Encoding.UTF8.GetString(bytes, 0, length);
        }
        JsonDocument request;
        try
        {
            request = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return Response(400, Error($"The body is not JSON: {e.Message}"));
        }
        using (request)
        {
            if (request.RootElement.ValueKind != JsonValueKind.Object)
                return Response(400, Error($"The body is {JsonText.Kind(request.RootElement)}, not an object with a \"sentence\"."));
            var (status, error, input) = Input(request.RootElement);
            if (error is not null) return Response(status, Error(error));
            return Predict(input!.Value, invocation) is { } answer ? Response(200, answer) : Response(504, Error("The function's deadline passed before the prediction."));
        }
    }

    /// <summary>
    /// The <c>sentence</c> field, and for a model of sentence pairs the <c>text_pair</c> field: each a non-empty string of
    /// at most the configured length (400 or 413 otherwise); a second text the model does not take, or lacks, is a 400.
    /// </summary>
    private (int Status, string? Error, TextInput? Input) Input(JsonElement request)
    {
        if (!request.TryGetProperty("sentence", out var sentence)) return (400, "No \"sentence\": send {\"sentence\": \"...\"}.", null);
        var (status, error, text) = Text(sentence, "sentence");
        if (error is not null) return (status, error, null);
        var hasPair = request.TryGetProperty(TextPair, out var pair);
        if (hasPair != classifier.TakesPairs)
            return (400, hasPair
                ? $"\"{TextPair}\" was sent, but the model classifies single texts; send {{\"sentence\": \"...\"}} alone."
                : $"No \"{TextPair}\": the model classifies sentence pairs; send {{\"sentence\": \"...\", \"{TextPair}\": \"...\"}}.", null);
        if (!hasPair) return (200, null, new TextInput(text!));
        var (pairStatus, pairError, second) = Text(pair, TextPair);
        return pairError is not null ? (pairStatus, pairError, null) : (200, null, new TextInput(text!, second));
    }

    /// <summary>One text field: a non-empty string of valid UTF-8 and at most the configured length.</summary>
    private (int Status, string? Error, string? Text) Text(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String) return (400, $"\"{field}\" is {JsonText.Kind(value)}; it must be a string.", null);
        if (JsonText.Utf16(value) is not { } text) return (400, $"\"{field}\" is not valid UTF-8 text.", null);
        if (string.IsNullOrWhiteSpace(text)) return (400, $"\"{field}\" is empty.", null);
        if (text.Length > maxTextCharacters)
            return (413, $"\"{field}\" has {text.Length} characters; at most {maxTextCharacters} (serving.max_text_characters).", null);
        return (200, null, text);
    }

    /// <summary>The course's answer for one sentence or sentence pair (recorded for monitoring), or null when the deadline passes first.</summary>
    private byte[]? Predict(TextInput input, LambdaInvocation invocation)
    {
        var started = Stopwatch.GetTimestamp();
        var left = invocation.Deadline - DateTimeOffset.UtcNow;
        if (left <= TimeSpan.Zero) return null;
        using var timeout = new CancellationTokenSource(left < TimeSpan.FromDays(1) ? left : Timeout.InfiniteTimeSpan);
        Prediction prediction;
        try
        {
            prediction = classifier.Predict([input], timeout.Token)[0];
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return null;
        }
        recorder?.Record(invocation.RequestId, [prediction], Stopwatch.GetElapsedTime(started));
        return Json(writer =>
        {
            writer.WriteString("text", input.Text);
            if (input.Pair is not null) writer.WriteString(TextPair, input.Pair);
            writer.WriteStartObject("prediction");
            writer.WriteString("label", prediction.Label);
            writer.WriteNumber("score", prediction.Confidence);
            writer.WriteStartObject("scores");
            for (var i = 0; i < classifier.LabelNames.Count; i++) writer.WriteNumber(classifier.LabelNames[i], prediction.Probabilities[i]);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static HandlerAnswer DeadlinePassed() => HandlerAnswer.Failed("DeadlineExceeded", "The function's deadline passed before the prediction.");

    private static byte[] Error(string message) => Json(writer => writer.WriteString("error", message));

    /// <summary>An API Gateway proxy response: the status, a JSON content type, and the body as a string.</summary>
    private static byte[] Response(int status, byte[] body) => Json(writer =>
    {
        writer.WriteNumber("statusCode", status);
        writer.WriteStartObject("headers");
        writer.WriteString("Content-Type", "application/json");
        writer.WriteEndObject();
        writer.WriteString("body", Encoding.UTF8.GetString(body));
    });

    private static byte[] Json(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

}
