using Mlops.Core;

namespace Mlops.Monitoring.Drift;

/// <summary>
/// What drift detection needs of one prediction, with no text: the predicted label, its confidence, the input's length
/// in tokens and how many of them the vocabulary did not know, and its sentence embedding where the model gave one (a
/// prediction read back from a log has none). Made from a live prediction or read back from a log.
/// </summary>
public readonly record struct PredictionObservation(int LabelIndex, double Confidence, int Tokens, int UnknownTokens)
{
    /// <summary>The pooled sentence vector, shared with the prediction (not copied); null when there is none.</summary>
    public float[]? Embedding { get; init; }

    /// <summary>Unknown tokens over all tokens of <paramref name="observations"/>; 0 when they have no tokens.</summary>
    public static double UnknownTokenRate(IEnumerable<PredictionObservation> observations)
    {
        long tokens = 0, unknown = 0;
        foreach (var o in observations) (tokens, unknown) = (tokens + o.Tokens, unknown + o.UnknownTokens);
        return tokens == 0 ? 0 : unknown / (double)tokens;
    }

    public static PredictionObservation From(Prediction prediction) =>
        new(prediction.LabelIndex, prediction.Confidence, prediction.Tokens, prediction.UnknownTokens) { Embedding = prediction.Embedding };
}
