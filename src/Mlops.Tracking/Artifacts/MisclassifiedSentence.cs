using System.Text.Json.Serialization;

namespace Mlops.Tracking.Artifacts;

/// <summary>
/// A validation sentence the model got wrong: its text (and second text, for a sentence-pair task), true label,
/// prediction, the model's confidence in that prediction, and which validation part it is from.
/// </summary>
public sealed record MisclassifiedSentence(string Text, string Label, string Prediction, double Confidence, string Part,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pair = null);
