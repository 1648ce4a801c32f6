namespace Mlops.Tracking;

/// <summary>What a finished run produced: its model's id and the fingerprint of the data it was trained on (from the model card).</summary>
public sealed record RunEnd(string? ModelId = null, string? DataFingerprint = null);
