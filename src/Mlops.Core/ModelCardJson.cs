using System.Text.Json.Serialization;

namespace Mlops.Core;

/// <summary>
/// The model card's JSON, generated at compile time: the serving host reads cards without reflection, so it runs as a
/// native-AOT binary too.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ModelCard))]
[JsonSerializable(typeof(RunProvenance))]
public sealed partial class ModelCardJson : JsonSerializerContext;
