using Mlops.Core;
using Mlops.Tracking.Sqlite;

namespace Mlops.Tracking;

/// <summary>Opens the store a <c>tracking.uri</c> names: <c>sqlite:PATH</c> (a file, created on first use).</summary>
public static class TrackingStores
{
    public const string SqliteScheme = "sqlite:";

    public static ITrackingStore Open(string uri)
    {
        if (uri.StartsWith(SqliteScheme, StringComparison.Ordinal) && uri.Length > SqliteScheme.Length)
            return SqliteTrackingStore.Open(uri[SqliteScheme.Length..]);
        throw new MlopsException($"tracking.uri '{uri}' names no store this mlops can open.",
            "Use sqlite:PATH, e.g. tracking.uri=sqlite:outputs/mlops.db (the file is created on first use).", ExitCodes.ConfigError);
    }
}
