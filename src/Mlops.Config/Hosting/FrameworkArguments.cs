using Mlops.Config.Tree;
using Mlops.Core;

namespace Mlops.Config.Hosting;

/// <summary>
/// The command line of a host without a command framework (<c>mlops-serve</c>): the <see cref="FrameworkOptions"/> it takes,
/// anywhere among the overrides and spelt as <c>mlops</c>'s commands take them (<c>--config-dir DIR</c> or <c>--config-dir=DIR</c>).
/// </summary>
public sealed record FrameworkArguments(ConfigSource Source, bool PrintConfig, bool Help, bool Version, IReadOnlyList<string> Overrides)
{
    private static readonly (string Option, string? Value, string Description)[] Options =
    [
        (FrameworkOptions.HelpShort + ", " + FrameworkOptions.Help, null, FrameworkOptions.HelpDescription),
        (FrameworkOptions.Version, null, FrameworkOptions.VersionDescription),
        (FrameworkOptions.ConfigDir, "<DIR>", FrameworkOptions.ConfigDirDescription),
        (FrameworkOptions.ConfigName, "<NAME>", FrameworkOptions.ConfigNameDescription),
        (FrameworkOptions.Cfg, null, FrameworkOptions.CfgDescription),
    ];

    private static readonly string[] Known =
        [FrameworkOptions.Help, FrameworkOptions.HelpShort, FrameworkOptions.Version, FrameworkOptions.ConfigDir, FrameworkOptions.ConfigName, FrameworkOptions.Cfg];

    /// <summary>Splits <paramref name="args"/> into options and overrides (every argument that does not start with '-'); a wrong option is one line, exit 2.</summary>
    public static FrameworkArguments Parse(IReadOnlyList<string> args, string program, string defaultConfigName)
    {
        string? dir = null;
        var name = defaultConfigName;
        bool cfg = false, help = false, version = false;
        var overrides = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith('-'))
            {
                overrides.Add(args[i]);
                continue;
            }
            var equals = args[i].IndexOf('=');
            var (option, inline) = equals > 0 ? (args[i][..equals], args[i][(equals + 1)..]) : (args[i], null);
            switch (option)
            {
                case FrameworkOptions.Help or FrameworkOptions.HelpShort: help = Flag(); break;
                case FrameworkOptions.Version: version = Flag(); break;
                case FrameworkOptions.Cfg: cfg = Flag(); break;
                case FrameworkOptions.ConfigDir: dir = Value(); break;
                case FrameworkOptions.ConfigName: name = Value(); break;
                default:
                    throw Refused($"Unknown option '{option}'.", Suggestions.Closest(option, Known) is { } closest ? $"Did you mean '{closest}'? " : "");
            }

            bool Flag() => inline is null ? true : throw Refused($"{option} takes no value.", "");

            string Value() =>
                inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith('-') ? args[++i] : throw Refused($"{option} needs a value.", ""));
        }
        return new FrameworkArguments(new ConfigSource(dir, name), cfg, help, version, overrides);

        MlopsException Refused(string message, string suggestion) =>
            new(message, $"{suggestion}Run `{program} --help` for the options and the config keys.", ExitCodes.UserError);
    }

    /// <summary>
    /// The help of a host: <paramref name="usage"/> (its summary and command lines), the options, and every key of
    /// <paramref name="config"/> (the composed config, before overrides) with its default, as the override that sets it.
    /// </summary>
    public static void WriteHelp(TextWriter writer, string usage, ConfigNode config)
    {
        writer.WriteLine(usage.TrimEnd());
        writer.WriteLine();
        writer.WriteLine("OPTIONS:");
        var width = Options.Max(o => o.Option.Length + (o.Value is null ? 0 : o.Value.Length + 1)) + 4;
        foreach (var (option, value, description) in Options)
            writer.WriteLine($"    {(value is null ? option : $"{option} {value}").PadRight(width)}{description}");
        writer.WriteLine();
        writer.WriteLine("CONFIG KEYS (override any of them as KEY=VALUE; the defaults are shown):");
        foreach (var (key, value) in ConfigPath.Leaves(config).Where(l => !l.Key.StartsWith(FrameworkDefaults.Section + ".", StringComparison.Ordinal)))
            writer.WriteLine($"    {key}={value ?? "null"}");
    }
}
