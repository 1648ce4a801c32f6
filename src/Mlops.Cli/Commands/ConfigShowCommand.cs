using System.ComponentModel;
using Mlops.Cli.Configuration;
using Mlops.Config.Hosting;
using Mlops.Config.Overrides;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops config show [overrides]</c>: the composed config, resolved, exactly as a run would see it.</summary>
public sealed class ConfigShowCommand : Command<ConfigShowCommand.Settings>
{
    /// <summary>Options of <c>mlops config show</c>.</summary>
    public sealed class Settings : ConfigSettings
    {
        [CommandArgument(0, "[OVERRIDES]"), Description("Config overrides, as for `mlops train`.")]
        public string[] Overrides { get; init; } = [];

        [CommandOption("--raw"), Description("Keep ${...} interpolations unresolved.")]
        public bool Raw { get; init; }

        [CommandOption("--all"), Description("Include the program's own 'mlops' section (run and sweep folders).")]
        public bool All { get; init; }

        [CommandOption("-p|--package <KEY>"), Description("Print only this key's sub-tree, e.g. training.")]
        public string? Package { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var composed = ConfigLoader.Compose(settings.Source, OverrideParser.ParseAll(settings.Overrides));
        if (settings.Raw)
        {
            ConfigPrinter.Write(AnsiConsole.Console, composed.Choices, composed.Root, settings.Package);
            return 0;
        }
        var config = ConfigLoader.Resolve<MlopsConfig>(composed, DateTimeOffset.Now);
        ConfigPrinter.Write(AnsiConsole.Console, composed.Choices, settings.All ? config.Resolved : config.JobConfig, settings.Package);
        return 0;
    }
}
