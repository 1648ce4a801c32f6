using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data remote list</c>: the project's remotes and which is the default.</summary>
public sealed class DataRemoteListCommand : AsyncCommand<EmptyCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        foreach (var (name, url, isDefault) in await DvcRemotes.ListAsync(DvcRepository.Find(Directory.GetCurrentDirectory()), cancellationToken))
            AnsiConsole.MarkupLineInterpolated($"{name}\t{url}{(isDefault ? "\t(default)" : "")}");
        return ExitCodes.Success;
    }
}
