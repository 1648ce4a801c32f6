using System.Text;

namespace Mlops.Data.Hub;

/// <summary>
/// Where and how the Hugging Face hub is reached (endpoint, token, revision) and where its files are
/// cached, so the same code serves online users, air-gapped users (offline mode) and tests (a local endpoint).
/// <see cref="FromEnvironment"/> reads the variables the Python <c>huggingface_hub</c> library uses.
/// </summary>
public sealed record HubOptions
{
    public const string DefaultEndpoint = "https://huggingface.co";
    public const string DefaultRevision = "main";

    /// <summary>Base address of the hub, without a trailing slash (env <c>HF_ENDPOINT</c>).</summary>
    public string Endpoint { get; init; } = DefaultEndpoint;

    /// <summary>Folder that holds downloaded files (env <c>MLOPS_CACHE</c>, else <c>~/.cache/mlops/hub</c>).</summary>
    public string CacheDir { get; init; } = DefaultCacheDir();

    /// <summary>Never touch the network: only cached files are used (env <c>HF_HUB_OFFLINE=1</c>).</summary>
    public bool Offline { get; init; }

    /// <summary>Access token sent as <c>Authorization: Bearer</c> to the hub (env <c>HF_TOKEN</c>); public datasets need none.</summary>
    public string? Token { get; init; }

    /// <summary>Branch, tag or commit to download from.</summary>
    public string Revision { get; init; } = DefaultRevision;

    /// <summary>
    /// Options from the environment: <c>HF_ENDPOINT</c>, <c>MLOPS_CACHE</c>, <c>HF_HUB_OFFLINE</c>, <c>HF_TOKEN</c>.
    /// <paramref name="getEnvironmentVariable"/> replaces <see cref="Environment.GetEnvironmentVariable(string)"/> in tests.
    /// </summary>
    public static HubOptions FromEnvironment(Func<string, string?>? getEnvironmentVariable = null)
    {
        var env = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        var endpoint = env("HF_ENDPOINT");
        var cache = env("MLOPS_CACHE");
        var token = env("HF_TOKEN");
        return new HubOptions
        {
            Endpoint = string.IsNullOrWhiteSpace(endpoint) ? DefaultEndpoint : endpoint.Trim().TrimEnd('/'),
            CacheDir = string.IsNullOrWhiteSpace(cache) ? DefaultCacheDir() : cache.Trim(),
            Offline = IsTrue(env("HF_HUB_OFFLINE")),
            Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim(),
        };
    }

    /// <summary><c>~/.cache/mlops/hub</c> (the current folder stands in for a missing home folder).</summary>
    public static string DefaultCacheDir()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home)) home = Directory.GetCurrentDirectory();
        return Path.Combine(home, ".cache", "mlops", "hub");
    }

    /// <summary>Keeps the token out of logs: <c>ToString()</c> shows only whether one is set.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Endpoint = {Endpoint}, CacheDir = {CacheDir}, Offline = {Offline}, ");
        builder.Append($"Token = {(Token is null ? "(none)" : "***")}, Revision = {Revision}");
        return true;
    }

    private static bool IsTrue(string? value) =>
        value?.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";
}
