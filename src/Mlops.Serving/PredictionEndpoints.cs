using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Mlops.Core;
using Mlops.Inference;
using Mlops.Monitoring;

namespace Mlops.Serving;

/// <summary>
/// <c>GET /predict?text=</c> in the course's week-5 shape (a score per label), and <c>POST /v1/predict</c> with
/// <c>{"text": ...}</c> or <c>{"texts": [...]}</c> answering label and scores per text with the model id and version.
/// A model of sentence pairs takes each text's second text under the name transformers' pipelines give it:
/// <c>?text=...&amp;text_pair=...</c>, <c>{"text": ..., "text_pair": ...}</c>, and for a batch <c>{"texts": [...],
/// "text_pairs": [...]}</c>: parallel arrays rather than a list of objects, so the batch form stays the plural of the
/// single one (as the tokenizer's own <c>text</c>/<c>text_pair</c> batches are), <c>texts</c> keeps its shape and checks,
/// and a client turns a batch into a pair batch by adding one field; the two arrays must be of one length.
/// Bad input is a 4xx problem document naming the field, never a 5xx: a pair model given no second text, or a model of
/// single texts given one, included. Length limits hold for each text of a pair.
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
        app.MapGet("/predict", async (HttpContext context, string? text, [FromQuery(Name = TextPair)] string? pair, ModelState model, PredictionBatcher batcher,
            ServingOptions options) =>
        {
            if (string.IsNullOrEmpty(text))
                return Problems.Of(context, 400, "Missing text", "Pass the sentence as the query parameter 'text', e.g. /predict?text=The+cat+sat.", "text");
            if (TooLong(context, text, options, "text") is { } tooLong) return tooLong;
            pair = string.IsNullOrEmpty(pair) ? null : pair;
            if (PairMismatch(context, model.Classifier.TakesPairs, pair is not null, TextPair) is { } mismatch) return mismatch;
            if (pair is not null && TooLong(context, pair, options, TextPair) is { } pairTooLong) return pairTooLong;
            var (predictions, busy) = await PredictAsync(context, batcher, [new TextInput(text, pair)], options, recorder);
            if (busy is not null) return busy;
            return Results.Ok(model.Classifier.LabelNames.Select((label, i) => new LabelScore(label, predictions![0].Probabilities[i])).ToList());
        });

        app.MapPost("/v1/predict", async (HttpContext context, ModelState model, PredictionBatcher batcher, ServingOptions options) =>
        {
            var (texts, problem) = await ReadInputsAsync(context, options, model.Classifier.TakesPairs);
            if (problem is not null) return problem;
            var (predictions, busy) = await PredictAsync(context, batcher, texts!, options, recorder);
            if (busy is not null) return busy;
            return Results.Ok(new PredictResponse(model.Metadata.ModelId, model.Version, predictions!.Select(p => new TextPrediction(p.Label,
                model.Classifier.LabelNames.Select((label, i) => (label, i)).ToDictionary(x => x.label, x => p.Probabilities[x.i]))).ToList()));
        });
    }

    private const string TextPair = "text_pair";
    private const string TextPairs = "text_pairs";

    /// <summary>
    /// The inputs' predictions through the batcher (counted, and recorded for monitoring), or a 503 (with Retry-After)
    /// when its queue is full or the request timeout passes first. A request whose client went away is dropped from the queue.
    /// </summary>
    private static async Task<(Prediction[]? Predictions, IResult? Problem)> PredictAsync(HttpContext context, PredictionBatcher batcher,
        IReadOnlyList<TextInput> texts, ServingOptions options, PredictionRecorder? recorder)
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

    private static async Task<(IReadOnlyList<TextInput>? Inputs, IResult? Problem)> ReadInputsAsync(HttpContext context, ServingOptions options, bool takesPairs)
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
            var hasPair = root.TryGetProperty(TextPair, out var pair);
            var hasPairs = root.TryGetProperty(TextPairs, out var pairs);
            if (hasText ? hasPairs : hasPair)
                return (null, Problems.Of(context, 400, "Ambiguous body", hasText
                    ? $"'{TextPairs}' goes with 'texts'; send the second text of 'text' as '{TextPair}'."
                    : $"'{TextPair}' goes with 'text'; send the second texts of 'texts' as '{TextPairs}'.", hasText ? TextPairs : TextPair));
            if (PairMismatch(context, takesPairs, hasPair || hasPairs, hasText ? TextPair : TextPairs) is { } mismatch) return (null, mismatch);
            if (hasText)
            {
                var (value, problem) = ReadText(context, text, "text", options);
                if (problem is not null) return (null, problem);
                if (!hasPair) return ([new TextInput(value!)], null);
                var (second, pairProblem) = ReadText(context, pair, TextPair, options);
                return pairProblem is not null ? (null, pairProblem) : ([new TextInput(value!, second)], null);
            }
            var (texts, textsProblem) = ReadTexts(context, many, "texts", options);
            if (textsProblem is not null) return (null, textsProblem);
            if (!hasPairs) return (TextInput.FromTexts(texts!), null);
            var (seconds, pairsProblem) = ReadTexts(context, pairs, TextPairs, options, texts!.Count);
            return pairsProblem is not null ? (null, pairsProblem) : ([.. texts.Zip(seconds!, (first, second) => new TextInput(first, second))], null);
        }
    }

    /// <summary>
    /// An array of strings within the limits: not empty, at most <c>serving.max_texts</c>, each a string of valid UTF-8 and
    /// at most <c>serving.max_text_characters</c>; with <paramref name="count"/>, exactly that many (one second text per text).
    /// </summary>
    private static (List<string>? Texts, IResult? Problem) ReadTexts(HttpContext context, JsonElement many, string field, ServingOptions options, int? count = null)
    {
        if (many.ValueKind != JsonValueKind.Array)
            return (null, Problems.Of(context, 400, "Wrong type", $"'{field}' must be an array of strings, not {JsonText.Kind(many)}.", field));
        var length = many.GetArrayLength();
        if (count is { } expected && length != expected)
            return (null, Problems.Of(context, 400, "Wrong length", $"'{field}' has {length} items and 'texts' {expected}; send one second text per text.", field));
        if (length == 0) return (null, Problems.Of(context, 400, "No texts", $"'{field}' is empty; send at least one string.", field));
        if (length > options.MaxTexts)
            return (null, Problems.Of(context, 413, "Too many texts", $"'{field}' has {length} items; at most {options.MaxTexts} per request (serving.max_texts).", field));
        var texts = new List<string>(length);
        foreach (var (item, index) in many.EnumerateArray().Select((item, index) => (item, index)))
        {
            var (value, problem) = ReadText(context, item, $"{field}[{index}]", options);
            if (problem is not null) return (null, problem);
            texts.Add(value!);
        }
        return (texts, null);
    }

    /// <summary>A string of valid UTF-8 and at most <c>serving.max_text_characters</c>.</summary>
    private static (string? Text, IResult? Problem) ReadText(HttpContext context, JsonElement element, string field, ServingOptions options)
    {
        if (element.ValueKind != JsonValueKind.String)
            return (null, Problems.Of(context, 400, "Wrong type", $"'{field}' must be a string, not {JsonText.Kind(element)}.", field));
        if (JsonText.Utf16(element) is not { } value) return (null, InvalidUtf8(context, field));
        return TooLong(context, value, options, field) is { } tooLong ? (null, tooLong) : (value, null);
    }

    /// <summary>A model of sentence pairs given no second text, or a model of single texts given one: 400 naming the field.</summary>
    private static IResult? PairMismatch(HttpContext context, bool takesPairs, bool hasPair, string field) =>
        takesPairs == hasPair ? null
        : takesPairs ? Problems.Of(context, 400, "Missing second text",
            $"The model classifies sentence pairs: send each text's second text as '{field}'.", field)
        : Problems.Of(context, 400, "Unexpected second text",
            $"The model classifies single texts: drop '{field}', or serve a model trained on sentence pairs.", field);

    private static IResult InvalidUtf8(HttpContext context, string field) =>
        Problems.Of(context, 400, "Invalid UTF-8", $"'{field}' is not valid UTF-8 text.", field);

    private static IResult? TooLong(HttpContext context, string text, ServingOptions options, string field) =>
        text.Length > options.MaxTextCharacters
            ? Problems.Of(context, 413, "Text too long", $"'{field}' has {text.Length} characters; at most {options.MaxTextCharacters} (serving.max_text_characters).", field)
            : null;
}
