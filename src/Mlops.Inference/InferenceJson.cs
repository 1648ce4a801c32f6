using System.Text.Json.Serialization;

namespace Mlops.Inference;

/// <summary>
/// The JSON that inference writes and reads (label lists in a graph's metadata, prediction lines), generated at compile
/// time so that a native-AOT serving host needs no reflection.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(PredictionLine))]
internal sealed partial class InferenceJson : JsonSerializerContext;

/// <summary>One line of a <c>.jsonl</c> prediction file (<c>text_pair</c> only for a sentence pair).</summary>
internal sealed record PredictionLine(long Line, string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TextPair, string Label, float Score, IReadOnlyDictionary<string, float> Probabilities);
