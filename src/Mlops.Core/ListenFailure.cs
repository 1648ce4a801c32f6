namespace Mlops.Core;

/// <summary>
/// The one error for a server that cannot listen on its address (its port in use, an address not on this machine): one
/// line naming the config keys that choose another, exit 6, the same for the prediction API and the dashboard.
/// </summary>
public static class ListenFailure
{
    public static MlopsException For(string server, IOException e, string portKey, string hostKey) =>
        new($"{server} cannot listen: {e.Message}", $"Choose another {portKey} or {hostKey}, or stop what holds it.", ExitCodes.IoError, e);
}
