using System.ComponentModel;
using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace Mlops.Cli.Tests.Hints;

/// <summary>
/// The options of every <c>mlops</c> command, read by reflection from the <c>[CommandOption]</c> attributes of the
/// settings classes in the program's and the benchmarks' assemblies; command names come from their registration files.
/// </summary>
public sealed partial class CliOptionCatalog
{
    /// <summary>Options Spectre.Console.Cli adds by itself.</summary>
    public static readonly IReadOnlySet<string> BuiltIns = new HashSet<string>(StringComparer.Ordinal) { "--help", "-h", "--version" };

    private const string BenchBranch = "bench";

    private CliOptionCatalog(Dictionary<string, (Type Command, IReadOnlySet<string> Options)> commands, IReadOnlyList<CliOption> declared)
    {
        Commands = commands;
        Declared = declared;
        Branches = commands.Keys.Where(k => k.Contains(' ')).Select(k => k[..k.IndexOf(' ')]).ToHashSet(StringComparer.Ordinal);
        All = commands.Values.SelectMany(c => c.Options).Concat(BuiltIns).ToHashSet(StringComparer.Ordinal);
        General = commands.Where(c => !IsBench(c.Key)).SelectMany(c => c.Value.Options).Concat(BuiltIns).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Command path ("train", "config show", "bench train") to its class and its options (with their dashes).</summary>
    public IReadOnlyDictionary<string, (Type Command, IReadOnlySet<string> Options)> Commands { get; }

    /// <summary>Every option each command declares, with the property it binds and its description; hidden ones included.</summary>
    public IReadOnlyList<CliOption> Declared { get; }

    /// <summary>Command groups ("config", "bench").</summary>
    public IReadOnlySet<string> Branches { get; }

    /// <summary>Every option of every command, benchmarks included, and the built-ins.</summary>
    public IReadOnlySet<string> All { get; }

    /// <summary>The options of the commands outside <c>mlops bench</c>, and the built-ins.</summary>
    public IReadOnlySet<string> General { get; }

    public static bool IsBench(string command) => command == BenchBranch || command.StartsWith(BenchBranch + " ", StringComparison.Ordinal);

    /// <summary>What an option may be in a context: one command's options, or any command's (benchmarks only where allowed).</summary>
    public IReadOnlySet<string> Allowed(string? command, bool bench) =>
        command is not null && Commands.TryGetValue(command, out var c) ? c.Options.Concat(BuiltIns).ToHashSet(StringComparer.Ordinal)
        : bench ? All : General;

    /// <summary>True when <paramref name="option"/> is, on every command that has it (or on <paramref name="command"/>), an old name kept out of the help.</summary>
    public bool IsHidden(string option, string? command)
    {
        var declaring = Declared.Where(o => o.Names.Contains(option) && (command is null || o.Command == command)).ToList();
        return declaring.Count > 0 && declaring.All(o => o.Hidden);
    }

    /// <summary>The commands that have <paramref name="option"/>.</summary>
    public IEnumerable<string> CommandsWith(string option) => Commands.Where(c => c.Value.Options.Contains(option)).Select(c => c.Key).Order(StringComparer.Ordinal);

    /// <summary>The command whose class is named <paramref name="typeName"/> (a command file's name), if any.</summary>
    public string? CommandOfType(string typeName) => Commands.FirstOrDefault(c => ClassName(c.Value.Command) == typeName).Key;

    /// <summary>The files that register commands, with the command path their registrations sit under.</summary>
    private static readonly (string File, string Prefix)[] Registrations =
        [(Path.Combine("src", "Mlops.Cli", "MlopsApp.cs"), ""), (Path.Combine("src", "Mlops.Bench", "BenchCommands.cs"), BenchBranch + " ")];

    public static CliOptionCatalog Load(string repositoryRoot)
    {
        var names = Registrations
            .SelectMany(r => CommandNames(File.ReadAllText(Path.Combine(repositoryRoot, r.File))).Select(n => (n.Key, Value: r.Prefix + n.Value)))
            .ToDictionary(n => n.Key, n => n.Value, StringComparer.Ordinal);
        var commands = new Dictionary<string, (Type Command, IReadOnlySet<string> Options)>(StringComparer.Ordinal);
        var declared = new List<CliOption>();
        var types = new[] { typeof(CliHost).Assembly, typeof(Mlops.Bench.BenchCommands).Assembly }.SelectMany(a => a.GetTypes());
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICommand).IsAssignableFrom(t)))
        {
            var name = names.GetValueOrDefault(ClassName(type))
                ?? throw new InvalidOperationException($"{type.Name} is a command that no registration file registers.");
            var options = OptionsOf(name, SettingsType(type));
            declared.AddRange(options);
            commands[name] = (type, options.SelectMany(o => o.Names).ToHashSet(StringComparer.Ordinal));
        }
        foreach (var registered in names.Keys.Where(n => !commands.Values.Any(c => ClassName(c.Command) == n)))
            throw new InvalidOperationException($"{registered} is registered but is not a command class of the mlops assemblies.");
        return new CliOptionCatalog(commands, declared);
    }

    /// <summary>A class's name as source code spells it: without the <c>`1</c> of a generic type.</summary>
    private static string ClassName(Type type) => type.Name.Split('`')[0];

    /// <summary>The settings class of a command: the type argument of its <c>Command&lt;TSettings&gt;</c> base.</summary>
    private static Type SettingsType(Type command)
    {
        for (var type = command.BaseType; type is not null; type = type.BaseType)
            if (type.IsGenericType && type.GetGenericArguments() is [var settings] && typeof(CommandSettings).IsAssignableFrom(settings))
                return settings;
        throw new InvalidOperationException($"{command.Name} has no CommandSettings type argument.");
    }

    /// <summary>The options a settings class declares or inherits, spelt as typed: "--model", "-m".</summary>
    private static List<CliOption> OptionsOf(string command, Type settings) =>
        [.. settings.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Option: p.GetCustomAttribute<CommandOptionAttribute>()))
            .Where(p => p.Option is not null)
            .Select(p => new CliOption(command, p.Property.Name,
                [.. p.Option!.LongNames.Select(n => "--" + n.TrimStart('-'))], [.. p.Option.ShortNames.Select(n => "-" + n.TrimStart('-'))],
                p.Property.GetCustomAttribute<DescriptionAttribute>()?.Description, p.Option.IsHidden))];

    /// <summary>Class name to command path, from <c>AddCommand&lt;T&gt;("name")</c>, prefixed by the enclosing <c>AddBranch("branch", ...)</c> calls.</summary>
    private static Dictionary<string, string> CommandNames(string program)
    {
        var branches = BranchPattern().Matches(program).Select(m =>
        {
            var open = program.IndexOf('{', m.Index);
            var depth = 0;
            var close = open;
            for (; close < program.Length; close++)
            {
                if (program[close] == '{') depth++;
                else if (program[close] == '}' && --depth == 0) break;
            }
            return (Name: m.Groups[1].Value, Start: open, End: close);
        }).ToList();
        // Every enclosing branch, outermost first: "data remote add" sits in "remote" inside "data".
        return CommandPattern().Matches(program).ToDictionary(
            m => m.Groups[1].Value,
            m => string.Join(' ', branches.Where(b => b.Start < m.Index && m.Index < b.End).OrderBy(b => b.Start).Select(b => b.Name).Append(m.Groups[2].Value)),
            StringComparer.Ordinal);
    }

    [GeneratedRegex(@"AddBranch\(""([\w-]+)"",\s*\w+\s*=>")]
    private static partial Regex BranchPattern();

    [GeneratedRegex(@"AddCommand<(\w+)(?:<\w+>)?>\(""([\w-]+)""\)")]
    private static partial Regex CommandPattern();
}

/// <summary>One option as a command declares it: its names, the settings property it binds, its description; a hidden one is an old name kept for scripts.</summary>
public sealed record CliOption(string Command, string Property, IReadOnlyList<string> LongNames, IReadOnlyList<string> ShortNames, string? Description, bool Hidden)
{
    public IEnumerable<string> Names => LongNames.Concat(ShortNames);
}
