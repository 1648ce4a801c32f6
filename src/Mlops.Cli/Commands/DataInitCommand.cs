using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data init</c>: makes the current folder a DVC project (<c>.dvc/</c>), as <c>dvc init</c> does.</summary>
public sealed class DataInitCommand : AsyncCommand<EmptyCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var repository = await DvcRepository.InitAsync(Directory.GetCurrentDirectory(), cancellationToken);
        AnsiConsole.MarkupLineInterpolated($"Initialized a DVC project in {repository.Root}. Commit .dvc/config and .dvc/.gitignore; track data with mlops data add PATH.");
        return ExitCodes.Success;
    }
}
