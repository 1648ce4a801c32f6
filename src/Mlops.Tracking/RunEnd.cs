using Mlops.Tracking.Artifacts;

namespace Mlops.Tracking;

/// <summary>
/// What a finished run produced: its model's id and the fingerprint of the data it was trained on (from the model card),
/// and the files it left in its folder (recorded with the end, so a spooled run's artifacts arrive with it).
/// </summary>
public sealed record RunEnd(string? ModelId = null, string? DataFingerprint = null, IReadOnlyList<ArtifactFile>? Artifacts = null);
