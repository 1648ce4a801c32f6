namespace Mlops.Config.Hosting;

/// <summary>Where a host's config comes from: a config folder and its primary config, or the config saved in a run folder.</summary>
public sealed record ConfigSource(string? ConfigDir = null, string ConfigName = "config", string? ConfigFrom = null);
