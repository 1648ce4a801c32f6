using Mlops.Bench;
using Mlops.Cli.Configuration;
using Spectre.Console.Cli;

namespace Mlops.Cli;

/// <summary>
/// <c>mlops bench</c>: the one place the CLI touches the benchmarks' assembly, registered only when the command line
/// starts with it, so <c>mlops train</c> or <c>mlops --help</c> never loads the benchmarks (an architecture test keeps it so).
/// </summary>
public static class BenchEntry
{
    public const string Command = "bench";

    public static void Register(IConfigurator config) => config.AddBranch(Command, BenchCommands.Register<MlopsConfig>);
}
