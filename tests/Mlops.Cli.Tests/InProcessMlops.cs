using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace Mlops.Cli.Tests;

/// <summary>
/// Runs <c>mlops</c> inside the test process: the command tree of <see cref="MlopsApp.ConfigureFor"/> (as the program builds it) behind the real
/// <see cref="CliHost"/>, with its output captured. For tests of parsing, messages, help and config printing, which need
/// no process of their own; signals, multiruns and training stay in <see cref="MlopsProcess"/>.
/// </summary>
public static class InProcessMlops
{
    /// <summary>
    /// The collection of every test that calls <see cref="RunAsync(string[])"/>: the commands write to the process-wide
    /// <see cref="AnsiConsole.Console"/> and CliHost writes errors to <see cref="Console.Error"/>, so these tests
    /// swap both and must not run at the same time as each other.
    /// </summary>
    public const string Collection = "In-process mlops (process-wide console)";

    /// <summary>The configs copied beside the test binaries (the same copy the real program finds beside itself).</summary>
    public static string ConfigDir { get; } = Path.Combine(AppContext.BaseDirectory, "configs");

    /// <summary>
    /// Runs <c>mlops <paramref name="args"/></c> through <see cref="CliHost.RunAsync"/> and returns its exit code,
    /// what it wrote to the console and what it wrote to standard error. Nothing here changes the current directory,
    /// so a test must name absolute paths (<c>--config-dir</c>, <c>mlops.run.dir=...</c>) for anything it may write.
    /// </summary>
    public static Task<MlopsProcess.Result> RunAsync(params string[] args) => RunAsync(config => MlopsApp.ConfigureFor(config, args), args);

    /// <summary>As <see cref="RunAsync(string[])"/>, for a command tree of the test's own (e.g. commands that fail on purpose).</summary>
    public static async Task<MlopsProcess.Result> RunAsync(Action<IConfigurator> configure, params string[] args)
    {
        using var console = new TestConsole().Width(200);
        using var error = new StringWriter();
        var (previousConsole, previousError) = (AnsiConsole.Console, Console.Error);
        AnsiConsole.Console = console;
        Console.SetError(error);
        try
        {
            var code = await CliHost.RunAsync(config =>
            {
                configure(config);
                config.ConfigureConsole(console);
            }, args);
            return new MlopsProcess.Result(code, console.Output, error.ToString());
        }
        finally
        {
            AnsiConsole.Console = previousConsole;
            Console.SetError(previousError);
        }
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/> with no host and no process-wide state: enough for help, which writes
    /// only to the app's own console. Safe in any collection.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAppAsync(params string[] args)
    {
        using var console = new TestConsole().Width(200);
        var app = new CommandApp();
        app.Configure(config =>
        {
            MlopsApp.ConfigureFor(config, args);
            config.ConfigureConsole(console);
        });
        return (await app.RunAsync(args), console.Output);
    }
}

/// <summary>The tests that swap the process-wide console and standard error; see <see cref="InProcessMlops.Collection"/>.</summary>
[CollectionDefinition(InProcessMlops.Collection, DisableParallelization = true)]
public sealed class InProcessMlopsCollection;
