using System.Text.Json.Serialization;
using static Mlops.Serving.PredictionEndpoints;

namespace Mlops.Serving;

/// <summary>
/// Every answer body the API writes, serialized by generated code: the host runs without reflection-based JSON, so it
/// also publishes as a native-AOT binary.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<LabelScore>))]
[JsonSerializable(typeof(PredictResponse))]
[JsonSerializable(typeof(Liveness))]
[JsonSerializable(typeof(Readiness))]
internal sealed partial class ServingJson : JsonSerializerContext;

/// <summary>The answer of <c>GET /healthz</c>.</summary>
public sealed record Liveness(string Status);

/// <summary>The answer of <c>GET /readyz</c> once the model is loaded: which model answers.</summary>
public sealed record Readiness(string Status, string? ModelId);
