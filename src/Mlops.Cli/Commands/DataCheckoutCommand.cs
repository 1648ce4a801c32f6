using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data checkout</c>: makes the workspace match the <c>.dvc</c> files from the cache (after a git checkout of another version).</summary>
public sealed class DataCheckoutCommand : AsyncCommand<EmptyCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var written = await new DataWorkspace(DvcRepository.Find(Directory.GetCurrentDirectory())).CheckoutAsync(cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Checked out {written} output(s).");
        return ExitCodes.Success;
    }
}
