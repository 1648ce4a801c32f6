using Mlops.Config.Hosting;
using Mlops.Config.Tree;
using Spectre.Console;

namespace Mlops.Cli.Configuration;

/// <summary>Prints a config to a console as <see cref="ConfigText"/> formats it, unstyled, so it can be piped into a file.</summary>
public static class ConfigPrinter
{
    public static void Write(IAnsiConsole console, IReadOnlyDictionary<string, string> choices, ConfigNode tree, string? package = null) =>
        console.Profile.Out.Writer.Write(ConfigText.Format(choices, tree, package));
}
