namespace Mlops.Versioning;

/// <summary>How far a long step of <c>mlops data</c> is (hashing, caching, pushing, fetching, verifying), for a progress bar.</summary>
public sealed record DataProgress(string Phase, int Done, int Total);
