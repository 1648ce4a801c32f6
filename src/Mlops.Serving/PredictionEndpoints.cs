using System.Diagnostics;
using System.Text.Json;
using Mlops.Core;
using Mlops.Inference;
using Mlops.Monitoring;

namespace Mlops.Serving;

/// <summary>
/// <c>GET /predict?text=</c> in the course's week-5 shape (a score per label), and <c>POST /v1/predict</c> with
/// <c>{"text": ...}</c> or <c>{"texts": [...]}</c> answering label and scores per text with the model id and version.
/// Bad input is a 4xx problem document naming the field, never a 5xx.
/// </summary>
public static class PredictionEndpoints
{
    /// <summary>A label and its probability, as the course's FastAPI app returns them.</summary>
    public sealed record LabelScore(string Label, float Score);

    /// <summary>One text's answer: the winning label and every label's probability.</summary>
    public sealed record TextPrediction(string Label, IReadOnlyDictionary<string, float> Scores);

    /// <summary>The answer of <c>POST /v1/predict</c>: predictions in request order, and which model made them.</summary>
    public sealed record PredictResponse(string? ModelId, string? ModelVersion, IReadOnlyList<TextPrediction> Predictions);

    public static void Map(WebApplication app, PredictionRecorder? recorder)
    {
        app.MapGet("/predict", async (HttpContext context, string? text, ModelState model, PredictionBatcher batcher, ServingOptions options) =>
        {
            if (string.IsNullOrEmpty(text))
                return Problems.Of(context, 400, "Missing text", "Pass the sentence as the query parameter 'text', e.g. /predict?text=The+cat+sat.", "text");
            if (TooLong(context, text, options, "text") is { } tooLong) return tooLong;
            var (predictions, busy) = await PredictAsync(context, batcher, [text], options, recorder);
            if (busy is not null) return busy;
            return Results.Ok(model.Classifier.LabelNames.Select((label, i) => new LabelScore(label, predictions![0].Probabilities[i])).ToList());
        });

        app.MapPost("/v1/predict", async (HttpContext context, ModelState model, PredictionBatcher batcher, ServingOptions options) =>
        {
            var (texts, problem) = await ReadTextsAsync(context, options);
            if (problem is not null) return problem;
            var (predictions, busy) = await PredictAsync(context, batcher, texts!, options, recorder);
            if (busy is not null) return busy;
            return Results.Ok(new PredictResponse(model.Metadata.ModelId, model.Version, predictions!.Select(p => new TextPrediction(p.Label,
                model.Classifier.LabelNames.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => p.Probabilities[x.i]))).ToList()));
        });
    }

    /// <summary>
    /// The texts' predictions through the batcher (counted, and recorded for monitoring), or a 503 (with Retry-After)
    /// when its queue is full or the request timeout passes first. A request whose client went away is dropped from the queue.
    /// </summary>
    private static async Task<(Prediction[]? Predictions, IResult? Problem)> PredictAsync(HttpContext context, PredictionBatcher batcher,
        IReadOnlyList<string> texts, ServingOptions options, PredictionRecorder? recorder)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(options.RequestTimeoutMs);
        var pending = batcher.TryPredict(texts, timeout.Token);
        if (pending is null)
        {
            context.Response.Headers.RetryAfter = "1";
            return (null, Problems.Of(context, 503, "Busy", $"The prediction queue is full ({options.QueueCapacity} texts, serving.queue_capacity); retry after a second."));
        }
        try
        {
            var predictions = await pending.WaitAsync(timeout.Token);
            var metrics = context.RequestServices.GetRequiredService<ServingMetrics>();
            foreach (var prediction in predictions)
            {
                metrics.Predictions.WithLabels(prediction.Label).Inc();
                metrics.Confidence.Observe(prediction.Confidence);
            }
            recorder?.Record(context.TraceIdentifier, predictions, Stopwatch.GetElapsedTime(started));
            return (predictions, null);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.Response.Headers.RetryAfter = "1";
            return (null, Problems.Of(context, 503, "Timed out", $"No answer within {options.RequestTimeoutMs} ms (serving.request_timeout_ms); retry later."));
        }
    }

    private static async Task<(IReadOnlyList<string>? Texts, IResult? Problem)> ReadTextsAsync(HttpContext context, ServingOptions options)
    {
        if (!context.Request.HasJsonContentType())
            return (null, Problems.Of(context, 415, "Not JSON", "Send the body as application/json: {\"text\": \"...\"} or {\"texts\": [\"...\", ...]}."));
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            return (null, Problems.Of(context, 400, "Malformed JSON", $"The body is not valid UTF-8 JSON: {e.Message}"));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Of(context, e.StatusCode, "Body refused", e.Message));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, Problems.Of(context, 400, "Wrong type", $"The body must be a JSON object, not {JsonText.Kind(root)}."));
            var hasText = root.TryGetProperty("text", out var text);
            var hasTexts = root.TryGetProperty("texts", out var many);
            if (hasText == hasTexts)
                return (null, Problems.Of(context, 400, hasText ? "Ambiguous body" : "Missing text",
                    "Send exactly one of 'text' (a string) or 'texts' (an array of strings).", hasText ? "texts" : "text"));
            if (hasText)
            {
                if (text.ValueKind != JsonValueKind.String)
                    return (null, Problems.Of(context, 400, "Wrong type", $"'text' must be a string, not {JsonText.Kind(text)}.", "text"));
                if (JsonText.Utf16(text) is not { } value) return (null, InvalidUtf8(context, "text"));
                return TooLong(context, value, options, "text") is { } tooLong ? (null, tooLong) : ([value], null);
            }
            if (many.ValueKind != JsonValueKind.Array)
                return (null, Problems.Of(context, 400, "Wrong type", $"'texts' must be an array of strings, not {JsonText.Kind(many)}.", "texts"));
            var count = many.GetArrayLength();
            if (count == 0) return (null, Problems.Of(context, 400, "No texts", "'texts' is empty; send at least one string.", "texts"));
            if (count > options.MaxTexts)
                return (null, Problems.Of(context, 413, "Too many texts", $"'texts' has {count} items; at most {options.MaxTexts} per request (serving.max_texts).", "texts"));
            var texts = new List<string>(count);
            foreach (var (item, index) in many.EnumerateArray().Select((item, index) => (item, index)))
            {
                if (item.ValueKind != JsonValueKind.String)
                    return (null, Problems.Of(context, 400, "Wrong type", $"'texts[{index}]' must be a string, not {JsonText.Kind(item)}.", $"texts[{index}]"));
                if (JsonText.Utf16(item) is not { } value) return (null, InvalidUtf8(context, $"texts[{index}]"));
                if (TooLong(context, value, options, $"texts[{index}]") is { } tooLong) return (null, tooLong);
                texts.Add(value);
            }
            return (texts, null);
        }
    }

    private static IResult InvalidUtf8(HttpContext context, string field) =>
        Problems.Of(context, 400, "Invalid UTF-8", $"'{field}' is not valid UTF-8 text.", field);

    private static IResult? TooLong(HttpContext context, string text, ServingOptions options, string field) =>
        text.Length > options.MaxTextCharacters
            ? Problems.Of(context, 413, "Text too long", $"'{field}' has {text.Length} characters; at most {options.MaxTextCharacters} (serving.max_text_characters).", field)
            : null;
}
