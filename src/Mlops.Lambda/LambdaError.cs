using System.Text.Json.Serialization;

namespace Mlops.Lambda;

/// <summary>An invocation or init error as the Runtime API takes it: a type (also sent as Lambda-Runtime-Function-Error-Type) and a message.</summary>
public sealed record LambdaError(
    [property: JsonPropertyName("errorType")] string Type,
    [property: JsonPropertyName("errorMessage")] string Message)
{
    [JsonPropertyName("stackTrace")] public IReadOnlyList<string> StackTrace { get; init; } = [];
}
