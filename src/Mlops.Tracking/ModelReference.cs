using Mlops.Core;

namespace Mlops.Tracking;

/// <summary>
/// Where a model is, as a user may say it: a folder, or <c>models:/NAME@ALIAS</c> / <c>models:/NAME/VERSION</c> resolved
/// through the model registry in <c>tracking.uri</c>. Accepted by predict, evaluate, export, <c>mlops serve</c> and <c>mlops-serve</c>.
/// </summary>
public static class ModelReference
{
    public const string Scheme = "models:/";

    /// <summary>The folder <paramref name="pathOrReference"/> names (a path is returned as it is).</summary>
    public static async Task<string> ResolveAsync(string pathOrReference, string trackingUri, CancellationToken cancellationToken)
    {
        if (!pathOrReference.StartsWith(Scheme, StringComparison.Ordinal)) return pathOrReference;
        var rest = pathOrReference[Scheme.Length..];
        var (name, selector) = rest.IndexOf('@') is > 0 and var at ? (rest[..at], rest[(at + 1)..])
            : rest.Split('/') is [var n, var v] && int.TryParse(v, out _) ? (n, v)
            : throw new MlopsException($"'{pathOrReference}' is not a model reference.", "Write models:/NAME@ALIAS or models:/NAME/VERSION, e.g. models:/cola@champion.",
                ExitCodes.UserError);
        if (TrackingStores.IsMissingFile(trackingUri))
            throw new MlopsException($"'{pathOrReference}' needs the model registry, but there is no tracking store at {trackingUri}.",
                "Point tracking.uri at the store the model was registered in.", ExitCodes.ModelError);
        await using var store = TrackingStores.Open(trackingUri);
        var version = await store.ResolveAsync(name, selector, cancellationToken)
            ?? throw new MlopsException($"'{pathOrReference}': model '{name}' has no {(int.TryParse(selector, out _) ? "version" : "alias")} '{selector}'.",
                $"See its versions and aliases: mlops models list --name {name}", ExitCodes.ModelError);
        if (!Directory.Exists(version.ModelDir))
            throw new MlopsException($"'{pathOrReference}' is version {version.Version}, registered at '{version.ModelDir}', which no longer exists.",
                "Restore that folder, or point the alias at another version: mlops models alias", ExitCodes.ModelError);
        return version.ModelDir;
    }

    /// <summary>
    /// The folder of the newest registered version whose model id is <paramref name="modelId"/> and whose folder still
    /// exists; null when the registry has none, or there is no tracking store at <paramref name="trackingUri"/>.
    /// </summary>
    public static async Task<string?> FindRegisteredAsync(string modelId, string trackingUri, CancellationToken cancellationToken)
    {
        if (TrackingStores.IsMissingFile(trackingUri)) return null;
        await using var store = TrackingStores.Open(trackingUri);
        return (await store.VersionsOfModelAsync(modelId, cancellationToken)).Select(v => v.ModelDir).FirstOrDefault(Directory.Exists);
    }
}
