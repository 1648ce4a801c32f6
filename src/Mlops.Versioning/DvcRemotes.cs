using Mlops.Core;

namespace Mlops.Versioning;

/// <summary>
/// The remotes of <c>.dvc/config</c> (with <c>config.local</c> over it): adding one as <c>dvc remote add</c> does
/// (a relative folder stored relative to <c>.dvc/</c>), setting its options, choosing the default, and opening one by name (a folder, or S3). A URL this
/// program cannot use (the course's <c>gdrive://</c>) is listed like any other and refused only when used.
/// </summary>
public static class DvcRemotes
{
    public static async Task AddAsync(DvcRepository repository, string name, string url, bool makeDefault, CancellationToken cancellationToken)
    {
        var config = await DvcConfig.ReadAsync(repository.ConfigPath, cancellationToken);
        if (config.Remotes.Contains(name))
            throw new MlopsException($"Remote '{name}' already exists in {repository.ConfigPath}.", "Pick another name, or edit its url there.", ExitCodes.UserError);
        // DVC keeps a relative folder relative to the config file, so the project can move.
        var stored = IsUrl(url) || Path.IsPathRooted(url) ? url : Path.GetRelativePath(Path.GetDirectoryName(repository.ConfigPath)!, Path.GetFullPath(url));
        config.Set(DvcConfig.RemoteSection(name), "url", stored);
        if (makeDefault) config.Set("core", "remote", name);
        await config.WriteAsync(repository.ConfigPath, cancellationToken);
    }

    /// <summary>Sets <paramref name="key"/> of a remote (e.g. <c>endpointurl</c>), in <c>config.local</c> when <paramref name="local"/> (credentials stay out of git).</summary>
    public static async Task ModifyAsync(DvcRepository repository, string name, string key, string value, bool local, CancellationToken cancellationToken)
    {
        var config = await DvcConfig.ReadAsync(repository.ConfigPath, cancellationToken);
        if (!config.Remotes.Contains(name)) throw Unknown(name, config);
        var path = local ? repository.LocalConfigPath : repository.ConfigPath;
        var target = local ? await DvcConfig.ReadAsync(path, cancellationToken) : config;
        target.Set(DvcConfig.RemoteSection(name), key, value);
        await target.WriteAsync(path, cancellationToken);
    }

    public static async Task SetDefaultAsync(DvcRepository repository, string name, CancellationToken cancellationToken)
    {
        var config = await DvcConfig.ReadAsync(repository.ConfigPath, cancellationToken);
        if (!config.Remotes.Contains(name)) throw Unknown(name, config);
        config.Set("core", "remote", name);
        await config.WriteAsync(repository.ConfigPath, cancellationToken);
    }

    /// <summary>Each remote's name and URL, and which is the default.</summary>
    public static async Task<IReadOnlyList<(string Name, string Url, bool IsDefault)>> ListAsync(DvcRepository repository, CancellationToken cancellationToken)
    {
        var config = await DvcConfig.ReadAsync(repository.ConfigPath, cancellationToken);
        var fallback = config.Get("core", "remote");
        return [.. config.Remotes.Select(r => (r, config.Get(DvcConfig.RemoteSection(r), "url") ?? "", r == fallback))];
    }

    /// <summary>The remote named <paramref name="name"/>, or the default one (<c>core.remote</c>).</summary>
    public static async Task<IDvcRemote> OpenAsync(DvcRepository repository, string? name, CancellationToken cancellationToken)
    {
        var config = await DvcConfig.ReadAsync(repository.ConfigPath, cancellationToken);
        var local = await DvcConfig.ReadAsync(repository.LocalConfigPath, cancellationToken);
        name ??= local.Get("core", "remote") ?? config.Get("core", "remote")
            ?? throw new MlopsException("No remote named and no default remote in .dvc/config.", "Add one: mlops data remote add --default NAME URL, or pass --remote NAME.", ExitCodes.UserError);
        var url = local.Get(DvcConfig.RemoteSection(name), "url") ?? config.Get(DvcConfig.RemoteSection(name), "url") ?? throw Unknown(name, config);
        if (!IsUrl(url) || url.StartsWith("file://", StringComparison.Ordinal))
        {
            var folder = url.StartsWith("file://", StringComparison.Ordinal) ? new Uri(url).LocalPath : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(repository.ConfigPath)!, url));
            return new LocalRemote(name, folder);
        }
        if (url.StartsWith("s3://", StringComparison.Ordinal) && Uri.TryCreate(url, UriKind.Absolute, out var s3) && s3.Host.Length > 0)
        {
            string? Setting(string key) => local.Get(DvcConfig.RemoteSection(name), key) ?? config.Get(DvcConfig.RemoteSection(name), key);
            return new S3Remote(name, s3, new S3Settings(Setting("endpointurl"), Setting("region"), Setting("profile"), Setting("access_key_id"),
                Setting("secret_access_key")));
        }
        throw new MlopsException($"Remote '{name}' is {url}: this mlops reads and writes folder and S3 remotes.",
            "Use a folder or s3:// remote (mlops data remote add NAME URL), or push and pull this one with dvc.", ExitCodes.UserError);
    }

    private static bool IsUrl(string url) => url.Contains("://", StringComparison.Ordinal);

    private static MlopsException Unknown(string name, DvcConfig config) =>
        new($"No remote '{name}' in .dvc/config (remotes: {(config.Remotes.Count == 0 ? "none" : string.Join(", ", config.Remotes))}).",
            "List them with mlops data remote list; add one with mlops data remote add NAME URL.", ExitCodes.UserError);
}
