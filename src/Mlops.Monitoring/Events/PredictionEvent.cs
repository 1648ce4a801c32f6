using Mlops.Monitoring.Drift;

namespace Mlops.Monitoring.Events;

/// <summary>
/// One prediction as monitoring records it, from the HTTP API or the Lambda function alike: when, for which request,
/// by which model, what came in (length, unknown tokens, the text's salted hash, the text itself only when allowed; for a
/// sentence pair, the tokens of both texts, one hash of the pair and, when allowed, the second text in <see cref="TextPair"/>)
/// and what came out (label, confidence, latency), and the drift monitor's latest decision when the model has one
/// (so a log backend can chart drift beside the traffic; its score is null until the window has enough events to decide). Written as an Elastic Common Schema document (<see cref="EcsDocument"/>).
/// </summary>
public sealed record PredictionEvent(
    DateTimeOffset Timestamp,
    string RequestId,
    string Source,
    string? ModelId,
    string? ModelVersion,
    string Label,
    int LabelIndex,
    double Confidence,
    int Tokens,
    int UnknownTokens,
    TimeSpan Latency,
    string? TextHash,
    string? Text,
    DriftState? DriftState = null,
    double? DriftScore = null)
{
    /// <summary>The second text of a sentence pair, only when the text itself may be logged (<c>monitoring.log_text</c>); null otherwise.</summary>
    public string? TextPair { get; init; }

    public PredictionObservation Observation => new(LabelIndex, Confidence, Tokens, UnknownTokens);
}
