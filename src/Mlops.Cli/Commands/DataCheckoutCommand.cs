using System.ComponentModel;
using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data checkout [TARGET]</c>: makes the workspace match the <c>.dvc</c> files from the cache (after a git checkout of another version).</summary>
public sealed class DataCheckoutCommand : AsyncCommand<DataCheckoutCommand.Settings>
{
    /// <summary>Options of <c>mlops data checkout</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[TARGET]"), Description("A tracked path, a .dvc file, or a file inside a tracked folder (default: everything tracked).")]
        public string? Target { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var written = await new DataWorkspace(DvcRepository.Find(Directory.GetCurrentDirectory())).CheckoutAsync(new DataScope(Target: settings.Target), cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Checked out {written} output(s).");
        return ExitCodes.Success;
    }
}
