namespace Mlops.Monitoring.Drift;

/// <summary>
/// What drift detection needs of one prediction, with no text: the predicted label, its confidence, the input's length
/// in tokens and how many of them the vocabulary did not know. Made from a live prediction or read back from a log.
/// </summary>
public readonly record struct PredictionObservation(int LabelIndex, double Confidence, int Tokens, int UnknownTokens);
