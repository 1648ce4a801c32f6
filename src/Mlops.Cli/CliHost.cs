using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli;

/// <summary>
/// Runs the command app with SIGINT and SIGTERM wired to cancellation and maps every failure to an exit code: a user
/// error or an I/O failure prints one line (and its hint) with no stack trace; only a real bug prints its trace, and
/// says where the full log is.
/// </summary>
public static class CliHost
{
    /// <summary>Key of <see cref="Exception.Data"/> under which a command records the log file that holds the failure.</summary>
    public const string LogFileKey = "mlops.log";

    /// <summary>Configures the command app with <paramref name="configure"/> and runs it on <paramref name="args"/>.</summary>
    public static async Task<int> RunAsync(Action<IConfigurator> configure, string[] args)
    {
        var commands = new CommandTree();
        var app = new CommandApp();
        app.Configure(config => configure(commands.Recording(config)));
        // Redirected output (CI logs, pipes) defaults to 80 columns and would wrap tables mid-word.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        using var interruption = new Interruption(message => AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(message)}[/]"));
        try
        {
            var code = await app.RunAsync(args, interruption.Token);
            return code == ExitCodes.Interrupted ? interruption.ExitCode : code;
        }
        catch (MlopsException e)
        {
            WriteError(e.Message, e.Hint);
            return e.ExitCode;
        }
        catch (TypeInitializationException e) when (e.TypeName == "TorchSharp.torch")
        {
            // The most common TorchSharp failure: the native libtorch did not load. Say why and what fixes it.
            var reason = (e.InnerException?.Message ?? e.Message).Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
            WriteError($"libtorch could not be loaded: {reason}",
                "Build through this repository (its projects reference libtorch-cpu-linux-x64 and Directory.Build.targets patches " +
                "libLibTorchSharp.so for Debian 12's GLIBCXX); a copied bin/ folder without them cannot load TorchSharp.");
            return ExitCodes.Unexpected;
        }
        catch (CommandAppException e)
        {
            WriteError(e.Message, commands.Hint(args));
            return ExitCodes.UserError;
        }
        catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
        {
            WriteError("Interrupted.", null);
            return interruption.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk, a read-only or missing folder, a permission error: the runtime's message names the path.
            WriteError(e.Message, "Check that the path exists and is writable, and that its disk has free space.");
            return ExitCodes.IoError;
        }
        catch (Exception e)
        {
            WriteError($"Unexpected {e.GetType().Name}: {e.Message}", null);
            Console.Error.WriteLine(e);
            Console.Error.WriteLine(e.Data[LogFileKey] is string log
                ? $"This is a bug in mlops: please report it with the trace above. The full log is '{log}'."
                : "This is a bug in mlops: please report it with the trace above.");
            return ExitCodes.Unexpected;
        }
    }

    private static void WriteError(string message, string? hint)
    {
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // One line per message: a redirected stream would otherwise wrap at 80 columns mid-sentence.
        if (Console.IsErrorRedirected) error.Profile.Width = int.MaxValue / 2;
        error.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        if (hint is not null) error.MarkupLine($"[grey]{Markup.Escape(hint)}[/]");
    }
}
