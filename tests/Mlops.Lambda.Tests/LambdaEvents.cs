using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mlops.Lambda.Tests;

/// <summary>Events as Lambda delivers them: direct invocations and API Gateway proxy (v1) / function URL (v2) requests.</summary>
public static class LambdaEvents
{
    public static byte[] Direct(object? sentence) => JsonSerializer.SerializeToUtf8Bytes(new { sentence });

    /// <summary>A function URL request (payload 2.0) whose body is <paramref name="body"/>, base64-encoded when asked.</summary>
    public static byte[] Http(string? body, bool base64 = false) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["version"] = "2.0",
        ["rawPath"] = "/",
        ["headers"] = new JsonObject { ["content-type"] = "application/json" },
        ["requestContext"] = new JsonObject { ["http"] = new JsonObject { ["method"] = "POST", ["path"] = "/" } },
        ["body"] = body is null ? null : base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body,
        ["isBase64Encoded"] = base64,
    });

    public static string Sentence(string text) => JsonSerializer.Serialize(new { sentence = text });
}
