using System.Net;
using Mlops.Monitoring.Drift;

namespace Mlops.Ui;

/// <summary>
/// Where the dashboard listens and who may read it: loopback by default, open to anyone who can reach it; any other
/// address only with a token, because runs carry params, sentences and file paths.
/// </summary>
public sealed record DashboardOptions
{
    public string Host { get; init; } = "127.0.0.1";
    /// <summary>0 picks a free port (the bound address is printed and returned).</summary>
    public int Port { get; init; } = 5050;
    /// <summary>The shared secret for non-loopback binds: sent once as <c>?token=</c> (then a cookie) or as <c>Authorization: Bearer</c>.</summary>
    public string? Token { get; init; }
    /// <summary>How long a running run may go without a heartbeat before the dashboard shows it failed (tracking.stale_after_seconds).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>The drift decision the monitoring view draws (monitoring.drift, as the serving host decides).</summary>
    public DriftThresholds Drift { get; init; } = new();

    /// <summary>True when <see cref="Host"/> is a loopback name or address.</summary>
    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));
}
