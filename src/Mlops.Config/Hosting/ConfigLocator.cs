namespace Mlops.Config.Hosting;

/// <summary>
/// Finds the config folder: <c>--config-dir</c>, else <c>MLOPS_CONFIG_DIR</c>, else <c>./configs</c> when it holds
/// the primary config, else the copy shipped beside the program (so <c>mlops</c> works from any folder).
/// </summary>
public static class ConfigLocator
{
    public const string EnvironmentVariable = "MLOPS_CONFIG_DIR";

    public static string Find(string? explicitDir, string primary)
    {
        var chosen = explicitDir ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (chosen is not null)
            return Directory.Exists(chosen) ? chosen
                : throw new ConfigException($"Config folder '{chosen}' does not exist{(explicitDir is null ? $" (from {EnvironmentVariable})" : "")}.",
                    "Pass --config-dir with a folder that holds config.yaml and the group folders.");
        if (File.Exists(Path.Combine("configs", primary + ".yaml"))) return "configs";
        return Path.Combine(AppContext.BaseDirectory, "configs");
    }
}
