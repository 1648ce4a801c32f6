namespace Mlops.Tracking.Artifacts;

/// <summary>One file a run left, as the store records it: its path in the run's folder, its size, and its SHA-256 to verify a download.</summary>
public sealed record ArtifactFile(string Path, long Bytes, string Sha256);
