namespace Mlops.Tracking.Predictions;

/// <summary>
/// One prediction as the tracking store keeps it: the columns of <c>prediction_events</c>, never the text (only its
/// salted hash). The serving side turns its monitoring events into these; the store knows nothing of monitoring.
/// </summary>
public sealed record StoredPrediction(
    DateTimeOffset Timestamp,
    string RequestId,
    string Source,
    string? ModelId,
    string Label,
    int LabelIndex,
    double Confidence,
    int Tokens,
    int UnknownTokens,
    TimeSpan Latency,
    string? TextHash);
