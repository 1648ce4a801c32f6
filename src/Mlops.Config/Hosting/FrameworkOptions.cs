using System.Reflection;

namespace Mlops.Config.Hosting;

/// <summary>
/// The options every configured host takes beside its overrides, defined once: <c>mlops</c>'s commands declare them from
/// these constants (<c>ConfigSettings</c>) and <c>mlops-serve</c> parses them with <see cref="FrameworkArguments"/>.
/// </summary>
public static class FrameworkOptions
{
    public const string Help = "--help";
    public const string HelpShort = "-h";
    public const string HelpDescription = "Print this help: the options and the config keys with their defaults.";
    public const string Version = "--version";
    public const string VersionDescription = "Print the program's version and exit.";
    public const string ConfigDir = "--config-dir";
    public const string ConfigDirDescription =
        "Folder with the primary config and the group folders (default: MLOPS_CONFIG_DIR, else ./configs, else the copy beside the program).";
    public const string ConfigName = "--config-name";
    public const string ConfigNameDescription = "Primary config in that folder.";
    public const string ConfigFrom = "--config-from";
    public const string ConfigFromDescription = "Reuse the config.yaml saved in a run folder (overrides still apply).";
    public const string Cfg = "--cfg";
    public const string CfgDescription = "Print the resolved config and exit, without running.";

    /// <summary>What <c>--version</c> prints: the program's informational version (the commit it was built from after the '+').</summary>
    public static string VersionOf(Assembly program) =>
        program.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? program.GetName().Version?.ToString() ?? "unknown";
}
