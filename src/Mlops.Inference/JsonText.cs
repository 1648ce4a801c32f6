using System.Text.Json;

namespace Mlops.Inference;

/// <summary>
/// Text out of a request's JSON, read the same way by the HTTP API and the Lambda function: a string whose bytes are not
/// valid UTF-8 is refused rather than thrown, and a value of the wrong type is named in the error.
/// </summary>
public static class JsonText
{
    /// <summary>The string's value, or null when its bytes are not valid UTF-8 (the parser checks structure, not string contents).</summary>
    public static string? Utf16(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>What a JSON value is, for an error line: "an array", "a number", ...</summary>
    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "a string",
    };
}
