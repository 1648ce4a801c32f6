using Mlops.Core;
using Mlops.Tracking.Postgres;
using Mlops.Tracking.Sql;
using Mlops.Tracking.Sqlite;

namespace Mlops.Tracking;

/// <summary>
/// Opens the store a <c>tracking.uri</c> names: <c>sqlite:PATH</c> (a file, created on first use) or
/// <c>postgresql://user:password@host:port/database</c> (a server; its schema is created on first use too).
/// </summary>
public static class TrackingStores
{
    public const string SqliteScheme = "sqlite:";

    /// <summary>Where runs and the registry are kept unless <c>tracking.uri</c> says otherwise.</summary>
    public const string DefaultUri = "sqlite:outputs/mlops.db";

    /// <summary>True for an SQLite store whose file does not exist yet: reading it would only create an empty one.</summary>
    public static bool IsMissingFile(string uri) =>
        uri.StartsWith(SqliteScheme, StringComparison.Ordinal) && !File.Exists(uri[SqliteScheme.Length..]);

    /// <summary>
    /// Opens the store; <paramref name="migrate"/> first upgrades an older schema (<c>mlops tracking migrate</c>).
    /// The database is both the run store and the store of the serving API's prediction events (<see cref="Predictions.IPredictionStore"/>).
    /// </summary>
    public static SqlTrackingStore Open(string uri, bool migrate = false)
    {
        if (uri.StartsWith(SqliteScheme, StringComparison.Ordinal) && uri.Length > SqliteScheme.Length)
            return SqliteTrackingStore.Open(uri[SqliteScheme.Length..], migrate);
        if (Uri.TryCreate(uri, UriKind.Absolute, out var server) && server.Scheme is "postgresql" or "postgres" && server.Host.Length > 0)
            return PostgresTrackingStore.Open(server, migrate);
        throw new MlopsException($"tracking.uri '{uri}' names no store this mlops can open.",
            "Use sqlite:PATH (tracking.uri=sqlite:outputs/mlops.db, created on first use) or postgresql://user:password@host:port/database.",
            ExitCodes.ConfigError);
    }
}
