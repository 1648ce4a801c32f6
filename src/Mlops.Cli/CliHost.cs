using Mlops.Core;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli;

/// <summary>
/// Runs the command app with Ctrl+C wired to cancellation and maps errors to exit codes: a user error
/// prints one message line (and its hint) with no stack trace; only unexpected errors keep their trace.
/// </summary>
public static class CliHost
{
    public static async Task<int> RunAsync(CommandApp app, string[] args)
    {
        // Redirected output (CI logs, pipes) defaults to 80 columns and would wrap tables mid-word.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (interrupt.IsCancellationRequested) return; // a second Ctrl+C kills the process
            e.Cancel = true;
            AnsiConsole.MarkupLine("[yellow]Interrupt received: finishing the current step and saving state (Ctrl+C again to abort)...[/]");
            interrupt.Cancel();
        };
        try
        {
            return await app.RunAsync(args, interrupt.Token);
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
            WriteError(e.Message, "Run `mlops --help` or `mlops <command> --help` for the options.");
            return ExitCodes.UserError;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            WriteError("Interrupted.", null);
            return ExitCodes.Interrupted;
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
