using System.ComponentModel;
using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Configuration;

/// <summary>The options every configured command shares: where the configs are, or which run's saved config to reuse.</summary>
public class ConfigSettings : CommandSettings
{
    [CommandOption(FrameworkOptions.ConfigDir + " <DIR>"), Description(FrameworkOptions.ConfigDirDescription)]
    public string? ConfigDir { get; init; }

    [CommandOption(FrameworkOptions.ConfigName + " <NAME>"), Description(FrameworkOptions.ConfigNameDescription), DefaultValue("config")]
    public string ConfigName { get; init; } = "config";

    [CommandOption(FrameworkOptions.ConfigFrom + " <RUN>"), Description(FrameworkOptions.ConfigFromDescription)]
    public string? ConfigFrom { get; init; }

    [CommandOption(FrameworkOptions.Cfg), Description(FrameworkOptions.CfgDescription)]
    public bool PrintConfig { get; init; }

    /// <summary>Where this command's config comes from.</summary>
    public ConfigSource Source => new(ConfigDir, ConfigName, ConfigFrom);

    /// <summary>Composes, resolves and binds this command's config.</summary>
    public LoadedConfig<MlopsConfig> Load(IReadOnlyList<Override> overrides) =>
        ConfigLoader.Resolve<MlopsConfig>(ConfigLoader.Compose(Source, overrides), DateTimeOffset.Now);

    /// <summary>With <c>--cfg</c>, prints the config and returns true: the command then exits without running.</summary>
    public bool PrintedConfig(LoadedConfig<MlopsConfig> config)
    {
        if (PrintConfig) ConfigPrinter.Write(AnsiConsole.Console, config.Composed.Choices, config.JobConfig);
        return PrintConfig;
    }
}
