using Mlops.Core;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;

namespace Mlops.Cli;

/// <summary>
/// The command names of the app as it is configured (recorded by a decorator of Spectre's configurator, which keeps its
/// own model to itself), so a failed parse can say which command the arguments name, and offer the nearest one,
/// as a mistyped config key does, when they name none (<c>mlops trian</c>).
/// </summary>
public sealed class CommandTree
{
    /// <summary>Each branch ("" for the root, "data", "data remote") to the names it holds: its commands and sub-branches.</summary>
    private readonly Dictionary<string, List<string>> _branches = new(StringComparer.Ordinal) { [""] = [] };

    /// <summary>A configurator that records every command and branch it adds into this tree, then adds it to <paramref name="inner"/>.</summary>
    public IConfigurator Recording(IConfigurator inner) => new Root(inner, this);

    /// <summary>
    /// The hint for a parse failure of <paramref name="args"/>: the nearest command to a word where a command was due, else
    /// the help of the command they name.
    /// </summary>
    public string Hint(IReadOnlyList<string> args)
    {
        var branch = "";
        foreach (var word in args.Where(a => !a.StartsWith('-')))
        {
            var path = Join(branch, word);
            if (_branches.ContainsKey(path))
            {
                branch = path;
                continue;
            }
            if (_branches[branch].Contains(word)) return $"Run `{Join("mlops", path)} --help` for its options.";
            var help = $"Run `{Join("mlops", branch)} --help` for the commands.";
            return Suggestions.Closest(word, _branches[branch]) is { } closest ? $"Did you mean '{closest}'? {help}" : help;
        }
        return $"Run `{Join("mlops", branch)} --help` for the commands and their options.";
    }

    private void Add(string branch, string name, bool isBranch)
    {
        _branches[branch].Add(name);
        if (isBranch) _branches[Join(branch, name)] = [];
    }

    private static string Join(string branch, string name) => branch.Length == 0 ? name : name.Length == 0 ? branch : $"{branch} {name}";

    private sealed class Root(IConfigurator inner, CommandTree tree) : IConfigurator
    {
        public ICommandAppSettings Settings => inner.Settings;

        public IConfigurator SetHelpProvider(IHelpProvider helpProvider)
        {
            inner.SetHelpProvider(helpProvider);
            return this;
        }

        public IConfigurator SetHelpProvider<T>() where T : IHelpProvider
        {
            inner.SetHelpProvider<T>();
            return this;
        }

        public IConfigurator AddExample(params string[] args)
        {
            inner.AddExample(args);
            return this;
        }

        public ICommandConfigurator AddCommand<TCommand>(string name) where TCommand : class, ICommand
        {
            tree.Add("", name, isBranch: false);
            return inner.AddCommand<TCommand>(name);
        }

        public ICommandConfigurator AddDelegate<TSettings>(string name, Func<CommandContext, TSettings, CancellationToken, int> func) where TSettings : CommandSettings
        {
            tree.Add("", name, isBranch: false);
            return inner.AddDelegate(name, func);
        }

        public ICommandConfigurator AddAsyncDelegate<TSettings>(string name, Func<CommandContext, TSettings, CancellationToken, Task<int>> func) where TSettings : CommandSettings
        {
            tree.Add("", name, isBranch: false);
            return inner.AddAsyncDelegate(name, func);
        }

        public IBranchConfigurator AddBranch<TSettings>(string name, Action<IConfigurator<TSettings>> action) where TSettings : CommandSettings
        {
            tree.Add("", name, isBranch: true);
            return inner.AddBranch<TSettings>(name, branch => action(new Branch<TSettings>(branch, tree, name)));
        }
    }

    private sealed class Branch<TSettings>(IConfigurator<TSettings> inner, CommandTree tree, string path) : IConfigurator<TSettings>
        where TSettings : CommandSettings
    {
        public void SetDescription(string description) => inner.SetDescription(description);

        public void AddExample(params string[] args) => inner.AddExample(args);

        public void SetDefaultCommand<TDefaultCommand>() where TDefaultCommand : class, ICommandLimiter<TSettings> => inner.SetDefaultCommand<TDefaultCommand>();

        public void HideBranch() => inner.HideBranch();

        public ICommandConfigurator AddCommand<TCommand>(string name) where TCommand : class, ICommandLimiter<TSettings>
        {
            tree.Add(path, name, isBranch: false);
            return inner.AddCommand<TCommand>(name);
        }

        public ICommandConfigurator AddDelegate<TDerivedSettings>(string name, Func<CommandContext, TDerivedSettings, CancellationToken, int> func)
            where TDerivedSettings : TSettings
        {
            tree.Add(path, name, isBranch: false);
            return inner.AddDelegate(name, func);
        }

        public ICommandConfigurator AddAsyncDelegate<TDerivedSettings>(string name, Func<CommandContext, TDerivedSettings, CancellationToken, Task<int>> func)
            where TDerivedSettings : TSettings
        {
            tree.Add(path, name, isBranch: false);
            return inner.AddAsyncDelegate(name, func);
        }

        public IBranchConfigurator AddBranch<TDerivedSettings>(string name, Action<IConfigurator<TDerivedSettings>> action) where TDerivedSettings : TSettings
        {
            tree.Add(path, name, isBranch: true);
            var child = Join(path, name);
            return inner.AddBranch<TDerivedSettings>(name, branch => action(new Branch<TDerivedSettings>(branch, tree, child)));
        }
    }
}
