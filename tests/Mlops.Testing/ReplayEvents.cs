using System.Text;
using Mlops.Lambda;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.Testing;

/// <summary>
/// A reproducible stream of mixed events for replaying through the function (tests and <c>mlops bench lambda</c>):
/// direct invocations and function URL requests, malformed JSON, wrong types, oversized sentences and bad request
/// bodies, each with the answer it must get.
/// </summary>
public static class ReplayEvents
{
    /// <summary>One event and a check of the answer it got (null when right, else what was wrong).</summary>
    public sealed record Replayed(string Kind, byte[] Event, Func<LambdaOutcome, string?> Check);

    public static IEnumerable<Replayed> Generate(int count, IReadOnlyList<string> words, int maxTextCharacters, int seed = 9)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var sentence = string.Join(' ', Enumerable.Range(0, random.Next(1, 12)).Select(_ => words[random.Next(words.Count)]));
            yield return (i % 6) switch
            {
                0 => new Replayed("direct", Direct(sentence), o => o.Response is { } r && Parse(r)?["text"]?.GetValue<string>() == sentence ? null : $"no prediction for '{sentence}'"),
                1 => new Replayed("http", Http(Sentence(sentence)), o => Status(o) == 200 ? null : $"status {Status(o)} for a valid request"),
                2 => new Replayed("not JSON", Encoding.UTF8.GetBytes(sentence), o => ErrorType(o, "InvalidEvent")),
                3 => new Replayed("wrong type", Direct(random.Next()), o => ErrorType(o, "InvalidEvent")),
                4 => new Replayed("oversized", Direct(new string('x', maxTextCharacters + 1)), o => ErrorType(o, "SentenceTooLong")),
                _ => new Replayed("bad body", Http("{" + sentence), o => Status(o) == 400 ? null : $"status {Status(o)} for a body that is not JSON"),
            };
        }
    }

    public static byte[] Direct(JsonNode? sentence) => Encoding.UTF8.GetBytes(new JsonObject { ["sentence"] = sentence }.ToJsonString());

    /// <summary>A function URL request (payload 2.0) whose body is <paramref name="body"/>, base64-encoded when asked.</summary>
    public static byte[] Http(string? body, bool base64 = false) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["version"] = "2.0",
        ["rawPath"] = "/",
        ["headers"] = new JsonObject { ["content-type"] = "application/json" },
        ["requestContext"] = new JsonObject { ["http"] = new JsonObject { ["method"] = "POST", ["path"] = "/" } },
        ["body"] = body is null ? null : base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body,
        ["isBase64Encoded"] = base64,
    }.ToJsonString());

    public static string Sentence(string text) => new JsonObject { ["sentence"] = text }.ToJsonString();

    private static JsonNode? Parse(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int? Status(LambdaOutcome outcome) => outcome.Response is { } r ? Parse(r)?["statusCode"]?.GetValue<int>() : null;

    private static string? ErrorType(LambdaOutcome outcome, string expected) =>
        outcome.Error?.Type == expected ? null : $"expected an invocation error {expected}, got {outcome.Error?.Type ?? "a response"}";
}
