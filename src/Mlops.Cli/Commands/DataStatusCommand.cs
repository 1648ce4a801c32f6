using Mlops.Core;
using Mlops.Versioning;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mlops.Cli.Commands;

/// <summary><c>mlops data status</c>: tracked outputs whose workspace copy changed or went missing, or whose objects are not in the cache.</summary>
public sealed class DataStatusCommand : AsyncCommand<EmptyCommandSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        var changes = await new DataWorkspace(DvcRepository.Find(Directory.GetCurrentDirectory())).StatusAsync(cancellationToken);
        if (changes.Count == 0)
        {
            AnsiConsole.MarkupLine("Data and .dvc files are in sync.");
            return ExitCodes.Success;
        }
        var table = new Table().AddColumn(new TableColumn(".dvc file").NoWrap()).AddColumn(new TableColumn("output").NoWrap()).AddColumn("state");
        foreach (var change in changes) table.AddRow(Markup.Escape(change.DvcFile), Markup.Escape(change.Path), change.State);
        AnsiConsole.Write(table);
        return ExitCodes.Success;
    }
}
